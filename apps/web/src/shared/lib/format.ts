/** Display formats shared by every page: dates as operators read them, counts with separators. */

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const clock = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat();
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

/** "5 minutes ago" within a day, the full date after that (like the original dashboard). */
export function formatAge(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '—';
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs >= 86_400) return formatDateTime(iso);
  if (abs < 60) return relative.format(seconds, 'second');
  if (abs < 3_600) return relative.format(Math.round(seconds / 60), 'minute');
  return relative.format(Math.round(seconds / 3_600), 'hour');
}

export function formatCount(value: number): string {
  return whole.format(value);
}

export function formatCompact(value: number): string {
  return compact.format(value);
}

/** A time of day to the second, e.g. when a list was last refreshed. */
export function formatClock(epochMs: number): string {
  return clock.format(new Date(epochMs));
}

/** A duration given in seconds (recnode's request timings): milliseconds below a second. */
export function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(2)} s`;
}
