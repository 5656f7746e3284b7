/**
 * A typed HTTP client over the contract routes, for tests: it sends real requests and, on
 * success, parses the answer with the route's response schema (so every test also checks the
 * response contract).
 */
import { buildPath, type RouteDef, type RouteRequest, type RouteResponse } from '@recflow/contracts';

export interface ApiAnswer<T> {
  status: number;
  contentType: string;
  body: T;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    /** What the server said lately, added to the error of a 5xx so that a failing test shows why. */
    private readonly serverOutput?: () => string,
  ) {}

  /** What the server said lately, when the client knows (a server run as a child process). */
  serverOutputTail(): string {
    return this.serverOutput?.() ?? '(not known)';
  }

  async raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed };
  }

  async call<D extends RouteDef>(
    route: D,
    request: Partial<RouteRequest<D>> = {},
  ): Promise<ApiAnswer<RouteResponse<D>>> {
    let path = buildPath(route.path, request.params as Record<string, unknown> | undefined);
    if (request.query) {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(request.query as Record<string, unknown>)) {
        if (value === undefined) continue;
        search.set(key, Array.isArray(value) ? value.join(',') : String(value));
      }
      const qs = search.toString();
      if (qs) path += `?${qs}`;
    }
    const answer = await this.raw(route.method, path, request.body);
    if (answer.status < 300) {
      const parsed = route.response.safeParse(answer.body);
      if (!parsed.success) {
        throw new Error(
          `${route.method} ${route.path} answered outside its contract: ${parsed.error.message}`,
        );
      }
      return { ...answer, body: parsed.data as RouteResponse<D> };
    }
    return answer as ApiAnswer<RouteResponse<D>>;
  }

  /** Calls a route and fails loudly unless it succeeds. */
  async ok<D extends RouteDef>(route: D, request: Partial<RouteRequest<D>> = {}): Promise<RouteResponse<D>> {
    const answer = await this.call(route, request);
    if (answer.status >= 300) {
      const output =
        answer.status >= 500 && this.serverOutput ? `\nserver output:\n${this.serverOutput()}` : '';
      throw new Error(
        `${route.method} ${route.path} failed with ${answer.status}: ${JSON.stringify(answer.body)}${output}`,
      );
    }
    return answer.body;
  }
}
