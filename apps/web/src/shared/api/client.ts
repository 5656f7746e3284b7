/**
 * The dashboard's only door to the server: `call(route, request)` sends a request described by a
 * contract route and returns its answer parsed with the route's response schema, or throws an
 * ApiError built from the problem+json body.
 */
import {
  buildPath,
  PROBLEM_CONTENT_TYPE,
  Problem,
  type RouteDef,
  type RouteRequest,
  type RouteResponse,
} from '@recflow/contracts';
import { ApiError } from './api-error';

export type CallRequest<D extends RouteDef> = Partial<RouteRequest<D>>;

export interface CallOptions {
  signal?: AbortSignal;
  /** Origin to prefix; the browser leaves it out, the browser tests use it to seed data. */
  baseUrl?: string;
  /**
   * Error statuses whose body is still the route's response, e.g. `/readyz` answering 503 with
   * the failed checks.
   */
  answerStatuses?: readonly number[];
}

function toQueryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const qs = search.toString();
  return qs ? `?${qs}` : '';
}

export function routeUrl<D extends RouteDef>(route: D, request: CallRequest<D> = {}): string {
  const path = buildPath(route.path, request.params as Record<string, unknown> | undefined);
  return path + toQueryString(request.query);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function problemFrom(response: Response, body: unknown): Problem {
  const type = response.headers.get('content-type') ?? '';
  const parsed = Problem.safeParse(body);
  if (type.includes(PROBLEM_CONTENT_TYPE) && parsed.success) return parsed.data;
  const detail =
    typeof body === 'string' && body.trim() ? body.trim() : `The server answered ${response.status}`;
  return { type: 'about:blank', title: response.statusText || 'Error', status: response.status, detail };
}

export async function call<D extends RouteDef>(
  route: D,
  request: CallRequest<D> = {},
  options: CallOptions = {},
): Promise<RouteResponse<D>> {
  const hasBody = request.body !== undefined;
  let response: Response;
  try {
    response = await fetch((options.baseUrl ?? '') + routeUrl(route, request), {
      method: route.method,
      headers: {
        accept: `application/json, ${PROBLEM_CONTENT_TYPE}`,
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
      },
      body: hasBody ? JSON.stringify(request.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: 'The recflow server could not be reached',
    });
  }
  const body = await readBody(response);
  if (!response.ok && !options.answerStatuses?.includes(response.status)) {
    throw new ApiError(problemFrom(response, body));
  }
  const parsed = route.response.safeParse(body);
  if (!parsed.success) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected answer',
      status: response.status,
      detail: `${route.method} ${route.path} answered outside its contract: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    });
  }
  return parsed.data as RouteResponse<D>;
}
