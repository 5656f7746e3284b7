/**
 * Starts the simulated outside world on one loopback HTTP port: streamq under `/api`, stlink at
 * `/api/streams` (and `/stlink/{domestic,overseas}/api/streams`), the HLS origin under `/hls`, the
 * recnode nodes under `/nodes/{name}`, and the control API under `/control`. Usable as a library
 * (tests, benchmarks) and from the CLI (demo).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BroadcastSchedule } from './broadcast-schedule';
import { type Clock, ScaledClock } from './clock';
import { controlRoutes } from './control/control-routes';
import { detectionRoutes } from './control/detection-routes';
import { nodeRoutes } from './control/node-routes';
import { streamRoutes } from './control/stream-routes';
import { applyFault, Faults } from './faults';
import { originRoutes } from './hls/origin-routes';
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from './hls/stream';
import { StreamRegistry } from './hls/streams';
import { HttpError, Router, readBody, sendJson } from './http';
import { HttpClient } from './http-client';
import { Ledger } from './ledger';
import {
  type FleetOptions,
  NodeFleet,
  type NodeSpec,
  nodeSpecs,
  type RecnodeRedisOptions,
} from './recnode/fleet';
import { DEFAULT_RECORDER_SETTINGS, type RecorderSettings } from './recnode/recorder';
import { StlinkAccess } from './stlink/stlink-access';
import { stlinkRoutes } from './stlink/stlink-routes';
import { streamqRoutes } from './streamq/streamq-routes';
import { Ticker } from './ticker';
import { DEFAULT_UNTF_KEY, UntfInbox, untfControlRoutes, untfRoutes } from './untf/untf-inbox';
import { World } from './world';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Simulated ms per real ms: 20 plays a 2 s segment every 100 ms. Default 1. */
  timeScale?: number;
  /** Real ms per tick of the shared timer. Default from the time scale (5–20). */
  tickMs?: number;
  /** Defaults of every new stream: segment duration, window, numbering, params/headers required. */
  hls?: Partial<StreamSettings>;
  /** recnode nodes: a count (`n1..nN` over `groups` groups) or explicit specs. Default none. */
  nodes?: number | NodeSpec[];
  /** Node groups `g1..gG` a node count is spread over. Default 3. */
  groups?: number;
  /** The recnode Redis; connected only when a node exists. Default `redis://127.0.0.1:6379`. */
  redis?: RecnodeRedisOptions;
  /** The Bearer token every node demands. Default `sim-recnode-token`. */
  recnodeToken?: string;
  recorder?: Partial<RecorderSettings>;
  /** Faults every node has from the start, such as a background rate of failing list calls. */
  recnode?: FleetOptions;
  /** Segments per live the ledger keeps in detail before folding older ones. Default all. */
  ledgerRetainSegments?: number;
  /** The Bearer key untf demands. Default `sim-untf-key`. */
  untfKey?: string;
}

type Service = 'streamq' | 'stlink' | 'hls' | 'recnode' | 'untf' | 'control';

export interface Simulator {
  /** Base URL; recflow's STREAMQ_URL and STLINK_ENDPOINT point here. */
  readonly url: string;
  readonly world: World;
  readonly faults: Faults;
  readonly clock: Clock;
  readonly streams: StreamRegistry;
  readonly stlink: { access: StlinkAccess; endpoint: string; domestic: string; overseas: string };
  readonly nodes: NodeFleet;
  readonly ledger: Ledger;
  /** Notifications recflow sent to the simulated untf. */
  readonly untf: UntfInbox;
  /** Broadcasts planned to go on air later. */
  readonly schedule: BroadcastSchedule;
  /** Number of requests served per service, for assertions. */
  readonly requests: Record<Service, number>;
  /** The settings that point recflow at this simulator. */
  recflowEnv(): Record<string, string>;
  close(): Promise<void>;
}

function serviceOf(path: string): Exclude<Service, 'recnode'> {
  if (path.startsWith('/control/')) return 'control';
  if (path.startsWith('/hls/')) return 'hls';
  if (path.startsWith('/api/streams/') || path.startsWith('/stlink/')) return 'stlink';
  if (path.startsWith('/untf/')) return 'untf';
  return 'streamq';
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const timeScale = options.timeScale ?? 1;
  const clock = new ScaledClock(timeScale);
  const ticker = new Ticker(clock, options.tickMs ?? Math.max(5, Math.min(20, Math.round(200 / timeScale))));
  const world = new World(() => new Date(clock.now()));
  const schedule = new BroadcastSchedule(world);
  const faults = new Faults();
  const ledger = new Ledger(options.ledgerRetainSegments);
  const http = new HttpClient();
  const streams = new StreamRegistry(world, clock, { ...DEFAULT_STREAM_SETTINGS, ...options.hls });
  const access = new StlinkAccess();
  const redis = options.redis ?? { url: 'redis://127.0.0.1:6379' };
  const token = options.recnodeToken ?? 'sim-recnode-token';
  const fleet = new NodeFleet(
    redis,
    token,
    { clock, ticker, http, ledger, settings: { ...DEFAULT_RECORDER_SETTINGS, ...options.recorder } },
    options.recnode,
  );
  const requests: Record<Service, number> = {
    streamq: 0,
    stlink: 0,
    hls: 0,
    recnode: 0,
    untf: 0,
    control: 0,
  };
  const untf = new UntfInbox(options.untfKey ?? DEFAULT_UNTF_KEY);
  const recflowEnv = () => environment(url, token, redis, fleet, untf);
  const routers: Record<Exclude<Service, 'recnode'>, Router> = {
    untf: untfRoutes(new Router(), untf),
    streamq: streamqRoutes(new Router(), world, faults),
    stlink: stlinkRoutes(new Router(), world, streams, access),
    hls: originRoutes(new Router(), streams, clock),
    control: untfControlRoutes(
      detectionRoutes(
        nodeRoutes(
          streamRoutes(controlRoutes(new Router(), world, faults, recflowEnv), world, streams, access, clock),
          fleet,
          ledger,
        ),
        schedule,
        fleet.starts,
        faults,
      ),
      untf,
    ),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (NodeFleet.owns(url.pathname)) {
      requests.recnode++;
      return fleet.handle(req, res, url);
    }
    const service = serviceOf(url.pathname);
    requests[service]++;
    if (service === 'streamq' && (await applyFault(faults.streamq, res))) return;
    if (service === 'stlink' && (await applyFault(faults.stlink, res))) return;
    if (service === 'untf' && (await applyFault(faults.untf, res))) return;
    const found = routers[service].match(req.method ?? 'GET', url.pathname);
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
  // Thousands of recorders poll through a few keep-alive sockets; Node's 5 s default would
  // churn them.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  streams.baseUrl = url;
  fleet.baseUrl = url;
  const specs =
    typeof options.nodes === 'number' ? nodeSpecs(options.nodes, options.groups ?? 3) : (options.nodes ?? []);
  for (const spec of specs) fleet.add(spec);

  return {
    url,
    world,
    faults,
    clock,
    streams,
    stlink: { access, endpoint: url, domestic: `${url}/stlink/domestic`, overseas: `${url}/stlink/overseas` },
    nodes: fleet,
    ledger,
    untf,
    schedule,
    requests,
    recflowEnv,
    close: async () => {
      schedule.clear();
      ticker.stop();
      await fleet.close();
      http.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

function environment(
  url: string,
  token: string,
  redis: RecnodeRedisOptions,
  fleet: NodeFleet,
  untf: UntfInbox,
): Record<string, string> {
  const redisUrl = new URL(redis.url);
  const host = redisUrl.hostname || '127.0.0.1';
  const port = redisUrl.port || '6379';
  const db = redis.db ?? (Number(redisUrl.pathname.slice(1)) || 0);
  const replica = redis.replicaUrl ? new URL(redis.replicaUrl) : redisUrl;
  return {
    STREAMQ_URL: url,
    STLINK_ENDPOINT: url,
    STLINK_ENDPOINT_DOMESTIC: `${url}/stlink/domestic`,
    STLINK_ENDPOINT_OVERSEAS: `${url}/stlink/overseas`,
    UNTF_ENDPOINT: `${url}/untf`,
    UNTF_API_KEY: untf.apiKey,
    RECNODE_API_TOKEN: token,
    RECNODE_REDIS_MASTER_HOST: host,
    RECNODE_REDIS_MASTER_PORT: port,
    RECNODE_REDIS_REPLICA_HOST: replica.hostname || host,
    RECNODE_REDIS_REPLICA_PORT: replica.port || port,
    RECNODE_REDIS_DB: String(db),
    RECNODE_NODES: fleet
      .all()
      .map((n) => `${n.name}@${n.group}=${n.endpoint}`)
      .join(','),
  };
}
