import { UpstreamError } from '../shared/errors';

/** Worth retrying: the service did not answer, or answered 5xx/429. A 4xx or a bad shape is not. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  if (error.kind === 'timeout' || error.kind === 'unreachable') return true;
  return error.kind === 'status' && (error.upstreamStatus === 429 || (error.upstreamStatus ?? 0) >= 500);
}
