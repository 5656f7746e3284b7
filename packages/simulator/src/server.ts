/**
 * Starts the simulated outside world on one loopback HTTP port: streamq under `/api`, the control
 * API under `/control`. Usable as a library (tests, benchmarks) and from the CLI (demo).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlRoutes } from './control/control-routes';
import { Faults, type ServiceFault } from './faults';
import { HttpError, Router, readBody, sendJson, sendText } from './http';
import { streamqRoutes } from './streamq/streamq-routes';
import { World } from './world';

export interface SimulatorOptions {
  port?: number;
  host?: string;
}

export interface Simulator {
  /** Base URL; recflow's STREAMQ_URL points here. */
  readonly url: string;
  readonly world: World;
  readonly faults: Faults;
  /** Number of requests served per service, for assertions. */
  readonly requests: { streamq: number };
  close(): Promise<void>;
}

async function applyFault(fault: ServiceFault, res: ServerResponse): Promise<boolean> {
  switch (fault.mode) {
    case 'none':
      return false;
    case 'status':
      sendText(res, fault.status, `simulated failure ${fault.status}`);
      return true;
    case 'garbage':
      sendText(res, 200, '<html>definitely not json', 'application/json');
      return true;
    case 'wrong_shape':
      sendJson(res, 200, { unexpected: true, items: 'nope' });
      return true;
    case 'hang':
      // Leave the request open until the client gives up or the server closes.
      return true;
    case 'slow':
      await new Promise((r) => setTimeout(r, fault.delayMs));
      return false;
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const world = new World();
  const faults = new Faults();
  const requests = { streamq: 0 };
  const streamq = streamqRoutes(new Router(), world);
  const control = controlRoutes(new Router(), world, faults);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const isControl = url.pathname.startsWith('/control/');
    const router = isControl ? control : streamq;
    if (!isControl) {
      requests.streamq++;
      if (await applyFault(faults.streamq, res)) return;
    }
    const found = router.match(req.method ?? 'GET', url.pathname);
    if (!found) throw new HttpError(404, `no route ${req.method} ${url.pathname}`);
    let body: unknown;
    try {
      body = await readBody(req);
    } catch {
      throw new HttpError(400, 'body is not JSON');
    }
    await found.handler(
      {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        params: found.params,
        headers: req.headers,
        body,
      },
      res,
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof HttpError) sendJson(res, error.status, { detail: error.message });
      else sendJson(res, 500, { detail: (error as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    world,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
