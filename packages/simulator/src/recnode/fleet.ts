/**
 * The simulated recnode nodes, all behind one HTTP server: node `n3` answers under
 * `{simulator}/nodes/n3`, so `{endpoint}/api/recordings` works without a port per node. They share
 * one Redis connection (auto-pipelined) to the recnode Redis master, and one to its replica when
 * one is given: recnode reads segment sets, segment states and the LiveState of a joining node
 * from the replica, so its lag is part of what the nodes see.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import type { Clock } from '../clock';
import { applyFault } from '../faults';
import { HttpError, type Request, type Router, readBody } from '../http';
import { type NodeDeps, RecnodeNode } from './node';
import { authFailure, nodeApiRoutes } from './node-api';
import { StartLog } from './start-log';

export interface NodeSpec {
  name: string;
  group: string;
  /** Minutes the node's local time is ahead of UTC (recnode stamps segments in local time). */
  utcOffsetMinutes?: number;
}

export interface RecnodeRedisOptions {
  /** `redis://host:port[/db]`; the recnode Redis (master). */
  url: string;
  /** Overrides the db of the URL. */
  db?: number;
  /** `redis://host:port`: a replica of the master (same db); the nodes read from it. */
  replicaUrl?: string;
}

/** When a recorder left a node's list: the simulator's own record, for proofs about finishing. */
export interface Departure {
  node: string;
  recordId: string;
  /** Epoch ms (real time). */
  at: number;
}

export interface FleetOptions {
  /** Share of `GET /api/recordings` calls of every node that answer 500 (recnode's list race). */
  listFailureRate?: number;
}

/** `n1..nN`, spread round-robin over `g1..gG`. */
export function nodeSpecs(count: number, groups: number): NodeSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `n${i + 1}`,
    group: `g${(i % Math.max(1, groups)) + 1}`,
  }));
}

const NODE_PATH = /^\/nodes\/([^/]+)(\/.*)$/;
/** Departures kept, newest last: a bound for a long-running simulator. */
const KEEP_DEPARTURES = 100_000;

export class NodeFleet {
  private client: Redis | null = null;
  private replicaClient: Redis | null = null;
  private closing = false;
  private readonly nodes = new Map<string, { node: RecnodeNode; routes: Router }>();
  /** Set once the HTTP server listens; node endpoints are absolute. */
  baseUrl = '';
  /** Accepted start requests, when they arrived. */
  readonly starts = new StartLog();
  /** Recorders that left a node's list, in order (the newest 100,000). */
  readonly departures: Departure[] = [];

  constructor(
    private readonly redisOptions: RecnodeRedisOptions,
    readonly token: string,
    private readonly deps: NodeDeps & { clock: Clock },
    private readonly options: FleetOptions = {},
  ) {}

  private connect(url: string, what: string): Redis {
    const client = new Redis(url, {
      enableAutoPipelining: true,
      maxRetriesPerRequest: 1,
      ...(this.redisOptions.db === undefined ? {} : { db: this.redisOptions.db }),
    });
    // Commands fail on their own and the recorders carry on; the connection's error events only
    // need reporting, at most every ten seconds while Redis is away.
    let reported = 0;
    client.on('error', (error: Error) => {
      if (this.closing || Date.now() - reported < 10_000) return;
      reported = Date.now();
      console.error(`simulator: recnode Redis ${what}: ${error.message}`);
    });
    return client;
  }

  /** The recnode Redis master, connected on first use so that a simulator without nodes needs none. */
  get redis(): Redis {
    this.client ??= this.connect(this.redisOptions.url, 'master');
    return this.client;
  }

  /** The replica the nodes read from; the master when there is none. */
  get replica(): Redis {
    if (!this.redisOptions.replicaUrl) return this.redis;
    this.replicaClient ??= this.connect(this.redisOptions.replicaUrl, 'replica');
    return this.replicaClient;
  }

  add(spec: NodeSpec): RecnodeNode {
    if (this.nodes.has(spec.name)) throw new Error(`simulator: node ${spec.name} exists`);
    const endpoint = `${this.baseUrl}/nodes/${encodeURIComponent(spec.name)}`;
    const { clock, ...deps } = this.deps;
    const node = new RecnodeNode(
      {
        name: spec.name,
        group: spec.group,
        endpoint,
        utcOffsetMinutes: spec.utcOffsetMinutes ?? 0,
        listFailureRate: this.options.listFailureRate ?? 0,
        redis: { master: () => this.redis, replica: () => this.replica },
        clock,
        onDeparture: (n, recordId) => {
          this.departures.push({ node: n.name, recordId, at: Date.now() });
          if (this.departures.length > KEEP_DEPARTURES * 1.1)
            this.departures.splice(0, this.departures.length - KEEP_DEPARTURES);
        },
      },
      deps,
    );
    this.nodes.set(spec.name, { node, routes: nodeApiRoutes(node) });
    return node;
  }

  get(name: string): RecnodeNode | undefined {
    return this.nodes.get(name)?.node;
  }

  must(name: string): RecnodeNode {
    const node = this.get(name);
    if (!node) throw new HttpError(404, `no node ${name}`);
    return node;
  }

  all(): RecnodeNode[] {
    return [...this.nodes.values()].map((n) => n.node);
  }

  /** Whether this request is for a node; the caller counts and routes everything else. */
  static owns(path: string): boolean {
    return NODE_PATH.test(path);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const [, name, rest] = NODE_PATH.exec(url.pathname) ?? [];
    const entry = this.nodes.get(decodeURIComponent(name ?? ''));
    if (!entry) throw new HttpError(404, `no node ${name}`);
    const { node, routes } = entry;
    if (node.condition.down === 'reset') {
      // A dead process: the connection drops with no answer, as close to "refused" as one shared
      // port allows.
      req.socket.destroy();
      return;
    }
    if (node.condition.down === 'hang') return;
    if (await applyFault(node.condition.api, res)) return;
    const found = routes.match(req.method ?? 'GET', rest!);
    if (!found) throw new HttpError(404, 'Not Found');
    const request: Request = {
      method: req.method ?? 'GET',
      path: rest!,
      query: url.searchParams,
      params: found.params,
      headers: req.headers,
      body: await readBody(req).catch(() => undefined),
    };
    const unauthorized = authFailure(request, this.token);
    if (unauthorized) throw new HttpError(401, unauthorized);
    const receivedAt = Date.now();
    await found.handler(request, res);
    if (request.method === 'POST' && res.statusCode === 200)
      this.logStart(node, found.params.id!, receivedAt);
  }

  private logStart(node: RecnodeNode, recordId: string, receivedAt: number): void {
    const state = node.recorder(recordId)?.state;
    if (!state) return;
    this.starts.add({
      node: node.name,
      recordId,
      platform: state.platform,
      channelId: state.channelId,
      liveUid: state.liveId,
      receivedAt,
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const node of this.all()) node.halt();
    for (const client of [this.client, this.replicaClient]) {
      if (client) await client.quit().catch(() => client.disconnect());
    }
  }
}
