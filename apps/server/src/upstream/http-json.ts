/**
 * One JSON call to an upstream service: timeout, status check, Zod validation of the answer.
 * Every failure becomes an UpstreamError for that call alone, and is counted.
 */
import type { z } from 'zod';
import { UpstreamError } from '../shared/errors';
import type { UpstreamStats } from './upstream-stats';
import { upstreamCall } from './upstream-time';

export interface JsonCall<T extends z.ZodType> {
  service: string;
  url: string;
  schema: T;
  timeoutMs: number;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Statuses answered with `undefined` instead of an error (e.g. 404 = no such channel). */
  absentOn?: readonly number[];
}

export function callJson<T extends z.ZodType>(
  stats: UpstreamStats,
  call: JsonCall<T>,
): Promise<z.infer<T> | undefined> {
  return upstreamCall(() => callOnce(stats, call));
}

async function callOnce<T extends z.ZodType>(
  stats: UpstreamStats,
  call: JsonCall<T>,
): Promise<z.infer<T> | undefined> {
  const { service } = call;
  let response: Response;
  try {
    response = await fetch(call.url, {
      method: call.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...call.headers,
      },
      body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    stats.record(service, timedOut ? 'timeout' : 'unreachable');
    throw timedOut
      ? new UpstreamError(service, `no answer within ${call.timeoutMs} ms (${call.url})`, 'timeout')
      : new UpstreamError(
          service,
          `unreachable (${call.url}): ${(error as Error).cause ?? (error as Error).message}`,
          'unreachable',
        );
  }
  if (call.absentOn?.includes(response.status)) {
    await response.body?.cancel();
    stats.record(service, 'ok');
    return undefined;
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    stats.record(service, 'unreachable');
    throw new UpstreamError(
      service,
      `connection lost while reading the answer: ${(error as Error).message}`,
      'unreachable',
    );
  }
  if (!response.ok) {
    stats.record(service, 'status');
    throw new UpstreamError(
      service,
      `answered ${response.status} for ${call.url}: ${text.slice(0, 200)}`,
      'status',
      response.status,
      text.slice(0, 2_000),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    stats.record(service, 'invalid_response');
    throw new UpstreamError(
      service,
      `answered with something that is not JSON: ${text.slice(0, 100)}`,
      'invalid_response',
    );
  }
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    stats.record(service, 'invalid_response');
    const first = parsed.error.issues[0];
    throw new UpstreamError(
      service,
      `answered with an unexpected shape at "${first?.path.join('.') ?? ''}": ${first?.message ?? 'invalid'}`,
      'invalid_response',
    );
  }
  stats.record(service, 'ok');
  return parsed.data;
}
