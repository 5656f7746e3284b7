/**
 * A route is the single description of one REST endpoint: method, path, and the Zod schemas of its
 * inputs and output. The server validates with it, the OpenAPI document is generated from it, and
 * the dashboard's API client is typed by it.
 */
import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express-style path with `:param` placeholders. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** HTTP status of a successful answer (default 200, 201 for creations). */
  status?: number;
  /** Error statuses this route documents beyond the common 400/500. */
  errors?: readonly number[];
}

export function defineRoute<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(def: RouteDef<P, Q, B, R>): RouteDef<P, Q, B, R> {
  return def;
}

type Infer<T> = [NonNullable<T>] extends [z.ZodType] ? z.infer<NonNullable<T>> : undefined;
type InferIn<T> = [NonNullable<T>] extends [z.ZodType] ? z.input<NonNullable<T>> : undefined;

/** What a handler receives after validation. */
export interface RouteInput<D extends RouteDef> {
  params: Infer<D['params']>;
  query: Infer<D['query']>;
  body: Infer<D['body']>;
}

/** What a client sends before validation (defaults not yet applied). */
export interface RouteRequest<D extends RouteDef> {
  params: InferIn<D['params']>;
  query: InferIn<D['query']>;
  body: InferIn<D['body']>;
}

export type RouteResponse<D extends RouteDef> = z.infer<D['response']>;

/** Fills `:param` placeholders; values are URI-encoded. */
export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
}
