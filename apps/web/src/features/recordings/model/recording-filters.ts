/**
 * The Recordings view, kept in the URL so a reload or a shared link shows the same page: platform,
 * outcome and search go to the server, which also pages. Parsing is lenient: a hand-edited URL
 * falls back to defaults instead of failing the page.
 */
import {
  PlatformName,
  RECORDING_OUTCOMES,
  type RecordingOutcome,
  type RecordingQueryInput,
} from '@recflow/contracts';

export const RECORDINGS_PAGE_SIZE = 25;

export interface RecordingFilters {
  platform?: PlatformName;
  outcome?: RecordingOutcome;
  text?: string;
  /** 1-based. */
  page: number;
}

export function parseRecordingFilters(params: URLSearchParams): RecordingFilters {
  const platform = PlatformName.safeParse(params.get('pf'));
  const page = Number.parseInt(params.get('p') ?? '', 10);
  return {
    platform: platform.success ? platform.data : undefined,
    outcome: RECORDING_OUTCOMES.find((o) => o === params.get('outcome')),
    text: params.get('q')?.trim().slice(0, 100) || undefined,
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

/** The URL form: defaults are left out so shared links stay short. */
export function toSearchParams(filters: RecordingFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.platform) params.set('pf', filters.platform);
  if (filters.outcome) params.set('outcome', filters.outcome);
  if (filters.text) params.set('q', filters.text);
  if (filters.page > 1) params.set('p', String(filters.page));
  return params;
}

export function toRecordingQuery(filters: RecordingFilters): RecordingQueryInput {
  return {
    platform: filters.platform,
    outcome: filters.outcome,
    q: filters.text?.trim() || undefined,
    limit: RECORDINGS_PAGE_SIZE,
    offset: (filters.page - 1) * RECORDINGS_PAGE_SIZE,
  };
}

export function hasActiveFilters(filters: RecordingFilters): boolean {
  return Boolean(filters.platform || filters.outcome || filters.text);
}

/** "1 h 02 min", "12 min 05 s", "40 s". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(s)} s`;
  return `${s} s`;
}

/** Object sizes as people read them: 1.5 MB, 820 kB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
