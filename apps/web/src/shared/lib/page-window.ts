/**
 * The page numbers a pagination bar shows: `count` consecutive pages around the current one,
 * shifted to stay within 1..last.
 */
export function pageWindow(current: number, last: number, count = 7): number[] {
  if (last < 1) return [];
  const size = Math.min(count, last);
  const start = Math.min(Math.max(1, current - Math.floor(size / 2)), last - size + 1);
  return Array.from({ length: size }, (_, i) => start + i);
}
