import { ChevronLeftIcon, ChevronRightIcon, ChevronsLeftIcon, ChevronsRightIcon } from 'lucide-react';
import { cn } from '@/shared/lib/cn';
import { pageWindow } from '@/shared/lib/page-window';
import { Button } from './button';

interface PaginationProps {
  page: number;
  pageCount: number;
  onPage(page: number): void;
  className?: string;
}

/** First/previous, a window of page numbers with ellipses where pages are skipped, next/last. */
export function Pagination({ page, pageCount, onPage, className }: PaginationProps) {
  const pages = pageWindow(page, pageCount);
  const first = pages[0] ?? 1;
  const last = pages.at(-1) ?? 1;
  const go = (target: number) => () => onPage(target);
  return (
    <nav aria-label="Pagination" className={cn('flex items-center gap-1', className)}>
      <Button variant="ghost" size="icon-sm" aria-label="First page" disabled={page <= 1} onClick={go(1)}>
        <ChevronsLeftIcon />
      </Button>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="Previous page"
        disabled={page <= 1}
        onClick={go(page - 1)}
      >
        <ChevronLeftIcon />
      </Button>
      {first > 1 && <span className="px-1 text-muted-foreground">…</span>}
      {pages.map((n) => (
        <Button
          key={n}
          variant={n === page ? 'default' : 'ghost'}
          size="sm"
          className="min-w-8 px-2 tabular-nums"
          aria-label={`Page ${n}`}
          aria-current={n === page ? 'page' : undefined}
          onClick={go(n)}
        >
          {n}
        </Button>
      ))}
      {last < pageCount && <span className="px-1 text-muted-foreground">…</span>}
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="Next page"
        disabled={page >= pageCount}
        onClick={go(page + 1)}
      >
        <ChevronRightIcon />
      </Button>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="Last page"
        disabled={page >= pageCount}
        onClick={go(pageCount)}
      >
        <ChevronsRightIcon />
      </Button>
    </nav>
  );
}
