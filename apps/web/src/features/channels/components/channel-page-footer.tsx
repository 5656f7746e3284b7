import { formatCount } from '@/shared/lib/format';
import { Pagination } from '@/shared/ui/pagination';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/shared/ui/select';
import { PAGE_SIZES } from '../model/channel-filters';

interface ChannelPageFooterProps {
  total: number;
  page: number;
  size: number;
  onPage(page: number): void;
  onSize(size: number): void;
}

export function ChannelPageFooter({ total, page, size, onPage, onSize }: ChannelPageFooterProps) {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t px-4 py-3">
      <div className="flex items-center gap-3 text-sm text-muted-foreground">
        <span data-testid="channel-total">
          {formatCount(from)}–{formatCount(to)} of {formatCount(total)} channels
        </span>
        <Select value={String(size)} onValueChange={(v) => onSize(Number(v))}>
          <SelectTrigger aria-label="Rows per page" className="h-8 w-32">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {PAGE_SIZES.map((n) => (
              <SelectItem key={n} value={String(n)}>
                {n} / page
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <Pagination page={page} pageCount={pageCount} onPage={onPage} />
    </div>
  );
}
