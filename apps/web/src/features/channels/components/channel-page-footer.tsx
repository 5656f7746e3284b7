import { OptionSelect } from '@/shared/ui/option-select';
import { PageRange, pageRange } from '@/shared/ui/page-range';
import { Pagination } from '@/shared/ui/pagination';
import { PAGE_SIZES } from '../model/channel-filters';

const SIZE_OPTIONS = PAGE_SIZES.map((n) => ({ value: String(n), label: `${n} / page` }));

interface ChannelPageFooterProps {
  total: number;
  page: number;
  size: number;
  onPage(page: number): void;
  onSize(size: number): void;
}

export function ChannelPageFooter({ total, page, size, onPage, onSize }: ChannelPageFooterProps) {
  const { pageCount } = pageRange(page, size, total);
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t px-4 py-3">
      <div className="flex items-center gap-3 text-sm text-muted-foreground">
        <PageRange page={page} size={size} total={total} noun="channels" testId="channel-total" />
        <OptionSelect
          label="Rows per page"
          options={SIZE_OPTIONS}
          value={String(size)}
          onChange={(v) => onSize(Number(v))}
          className="h-8 w-32"
        />
      </div>
      <Pagination page={page} pageCount={pageCount} onPage={onPage} />
    </div>
  );
}
