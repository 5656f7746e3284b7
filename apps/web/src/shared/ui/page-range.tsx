/** Which rows a page of a server-paged list holds, and the "21–40 of 1,234" that says so. */
import { formatCount } from '@/shared/lib/format';

/**
 * Page `page` of `size` rows out of `total`: the number of pages and its first and last row
 * numbers. The last is the page's end within the total, or, given the `rows` an answer holds, the
 * last of those.
 */
export function pageRange(page: number, size: number, total: number, rows?: number) {
  const from = (page - 1) * size + 1;
  return {
    pageCount: Math.max(1, Math.ceil(total / size)),
    from,
    to: rows === undefined ? Math.min(total, page * size) : from + rows - 1,
  };
}

interface PageRangeProps {
  page: number;
  size: number;
  total: number;
  /**
   * The rows of the answer on screen, for a range that follows the answer rather than the page
   * asked for (while the previous page stands in for the next one, it still counts that page).
   */
  rows?: number;
  /** Said after the total ("channels"), if anything. */
  noun?: string;
  /** Said instead when the page holds no row; without it an empty page reads as its range. */
  empty?: string;
  testId: string;
}

export function PageRange({ page, size, total, rows, noun, empty, testId }: PageRangeProps) {
  const { from, to } = pageRange(page, size, total, rows);
  const range = `${formatCount(from)}–${formatCount(to)} of ${formatCount(total)}`;
  return (
    <span data-testid={testId}>
      {empty !== undefined && from > to ? empty : noun ? `${range} ${noun}` : range}
    </span>
  );
}
