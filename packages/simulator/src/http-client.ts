/**
 * The simulated nodes' HTTP client for playlists and segments. node:http with one keep-alive pool
 * rather than fetch: thousands of small requests a second are a large share of the simulator's
 * CPU, and undici's web streams cost several times more per request.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpAnswer {
  status: number;
  body: Buffer;
  /** The `content-length` header, which is all a HEAD answer carries. */
  contentLength: number | null;
  /** Real milliseconds from request to the last byte. */
  durationMs: number;
}

export class HttpClient {
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
  };

  constructor(private readonly timeoutMs = 5000) {}

  request(url: URL, headers: Record<string, string>, method: 'GET' | 'HEAD' = 'GET'): Promise<HttpAnswer> {
    const secure = url.protocol === 'https:';
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        url,
        { method, headers, agent: secure ? this.agents.https : this.agents.http, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
              contentLength: res.headers['content-length'] ? Number(res.headers['content-length']) : null,
              durationMs: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}
