/**
 * One simulated recnode: its recordings and its condition (alive or killed, API faults, slow or
 * hung downloads, failing uploads, cut from Redis). Killing it is a process death: its HTTP API
 * stops answering, its recorders stop where they are, and a revived node starts empty, as a
 * restarted recnode would. Its HTTP routes follow recnode's router
 * (rwiv/recnode recnode/app/server_main_router.py): start and cancel read the LiveState from the
 * master, a cancel of a recording the node does not have is `200 "ok"`.
 */
import {
  type LiveState,
  RECNODE_DETAIL,
  type RecnodeRecording,
  type RecnodeRecordingStatus,
} from '@recflow/contracts';
import type { Clock } from '../clock';
import { NO_FAULT, type ServiceFault } from '../faults';
import { NodeClock } from './node-clock';
import { Recorder, type RecorderDeps } from './recorder';
import { type Connections, RedisUnavailable, SegmentProtocol } from './segment-protocol';
import type { UploadFaults } from './tar-writer';

/** How a killed node looks from outside: connections reset (like refused), or requests that hang. */
export type NodeDeath = 'reset' | 'hang';

export interface NodeCondition {
  down: NodeDeath | null;
  /** How its HTTP API answers while alive. */
  api: ServiceFault;
  /**
   * Share of `GET /api/recordings` calls that answer 500, as recnode's list does when its monitor
   * thread removes a recorder while the list is being built.
   */
  listFailureRate: number;
  /** Real ms every `GET /api/recordings` answer takes (a node under load). */
  listDelayMs: number;
  /** Simulated ms before each segment download. */
  downloadDelayMs: number;
  /** Downloads started from now on never end (recnode's downloader has no timeout). */
  downloadsHang: boolean;
  uploads: UploadFaults;
  redisCut: boolean;
}

export type StartOutcome = { ok: true } | { ok: false; status: 404 | 422 | 500; detail: string };

/** A recording the node lists that recflow never asked for (other work on a shared node). */
export type ForeignRecording = Omit<RecnodeRecording, 'platform'> & { platform: string };

export interface NodeOptions {
  name: string;
  group: string;
  /** Base URL: `{endpoint}/api/recordings` is its API. */
  endpoint: string;
  /** Minutes the node's local time is ahead of UTC. */
  utcOffsetMinutes: number;
  /** A share of list calls that fail from the start (a background rate). */
  listFailureRate: number;
  redis: Connections;
  clock: Clock;
  /** When a recorder leaves the list. */
  onDeparture(node: RecnodeNode, recordId: string): void;
}

export type NodeDeps = Omit<
  RecorderDeps,
  'node' | 'clock' | 'protocol' | 'downloadDelayMs' | 'downloadsHang' | 'uploadFaults' | 'random' | 'onDone'
>;

/** mulberry32, seeded per node, so that a run's jitter and faults repeat. */
function seededRandom(seed: string): () => number {
  let state = 0;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x9e3779b1) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function healthyCondition(listFailureRate: number): NodeCondition {
  return {
    down: null,
    api: NO_FAULT,
    listFailureRate,
    listDelayMs: 0,
    downloadDelayMs: 0,
    downloadsHang: false,
    uploads: { failNext: 0, failForGood: false },
    redisCut: false,
  };
}

export class RecnodeNode {
  private readonly recordings = new Map<string, Recorder>();
  private readonly foreign = new Map<string, ForeignRecording>();
  readonly protocol: SegmentProtocol;
  readonly clock: NodeClock;
  readonly random: () => number;
  readonly name: string;
  readonly group: string;
  readonly endpoint: string;
  condition: NodeCondition;

  constructor(
    private readonly options: NodeOptions,
    private readonly deps: NodeDeps,
  ) {
    this.name = options.name;
    this.group = options.group;
    this.endpoint = options.endpoint;
    this.condition = healthyCondition(options.listFailureRate);
    this.clock = new NodeClock(options.clock, options.utcOffsetMinutes);
    this.random = seededRandom(`node:${options.name}`);
    const reachable = (client: () => ReturnType<Connections['master']>) => () => {
      if (this.condition.redisCut || this.condition.down) throw new RedisUnavailable('cut from Redis');
      return client();
    };
    this.protocol = new SegmentProtocol(
      { master: reachable(options.redis.master), replica: reachable(options.redis.replica) },
      this.clock,
    );
  }

  /** `POST /api/recordings/{id}`. */
  async start(id: string): Promise<StartOutcome> {
    let state: LiveState | null;
    try {
      state = await this.protocol.readLiveState(id, 'master');
    } catch (error) {
      return { ok: false, status: 500, detail: `cannot read LiveState: ${(error as Error).message}` };
    }
    if (!state) return { ok: false, status: 404, detail: RECNODE_DETAIL.notFoundLiveState };
    for (const recorder of this.recordings.values()) {
      const other = recorder.state;
      if (
        other.platform === state.platform &&
        other.channelId === state.channelId &&
        other.videoName === state.videoName
      ) {
        return { ok: false, status: 422, detail: RECNODE_DETAIL.alreadyRecording };
      }
    }
    const recorder = new Recorder(state, {
      ...this.deps,
      node: this.name,
      clock: this.clock,
      protocol: this.protocol,
      downloadDelayMs: () => this.condition.downloadDelayMs,
      downloadsHang: () => this.condition.downloadsHang,
      uploadFaults: () => this.condition.uploads,
      random: this.random,
      onDone: (done) => this.leave(done),
    });
    this.recordings.set(id, recorder);
    recorder.start();
    return { ok: true };
  }

  /** `DELETE /api/recordings/{id}`: the recorder stops at its next poll, uploads, then leaves the list. */
  async cancel(id: string): Promise<StartOutcome> {
    let state: LiveState | null;
    try {
      state = await this.protocol.readLiveState(id, 'master');
    } catch (error) {
      return { ok: false, status: 500, detail: `cannot read LiveState: ${(error as Error).message}` };
    }
    if (!state) return { ok: false, status: 404, detail: 'live state not found' };
    // A recording this node does not have is only logged by recnode: the answer is still "ok".
    this.recordings.get(id)?.abort();
    return { ok: true };
  }

  private leave(recorder: Recorder): void {
    if (this.recordings.get(recorder.id) !== recorder || this.condition.down) return;
    this.recordings.delete(recorder.id);
    this.options.onDeparture(this, recorder.id);
  }

  /** A recording of other work on this node, listed beside recflow's (for example `twitch`). */
  addForeignRecording(recording: Partial<ForeignRecording> & { id: string }): ForeignRecording {
    const full: ForeignRecording = {
      platform: 'twitch',
      channelId: `foreign-${recording.id}`,
      channelName: 'foreign channel',
      liveId: recording.id,
      videoName: `foreign_${recording.id}`,
      fsName: 'local',
      num: 0,
      location: 'local',
      status: 'recording',
      ...recording,
    };
    this.foreign.set(full.id, full);
    return full;
  }

  list(withStats: boolean): Array<RecnodeRecording | ForeignRecording> {
    const own = [...this.recordings.values()].map((r) => ({
      id: r.state.id,
      platform: r.state.platform,
      channelId: r.state.channelId,
      channelName: r.state.channelName,
      liveId: r.state.liveId,
      videoName: r.state.videoName,
      fsName: r.state.fsName,
      num: r.num,
      location: r.state.location,
      status: r.status,
      ...(withStats ? { stats: r.counters.toStats(r.downloading) } : {}),
    }));
    return [...own, ...this.foreign.values()];
  }

  /** Whether a list call fails now (drawn from the node's seeded randomness). */
  listFails(): boolean {
    return this.condition.listFailureRate > 0 && this.random() < this.condition.listFailureRate;
  }

  /** Whether any recorder is mid-download (recnode's `full_stats` can fail then). */
  get downloading(): boolean {
    return [...this.recordings.values()].some((r) => r.downloading > 0);
  }

  recorder(id: string): Recorder | undefined {
    return this.recordings.get(id);
  }

  statusCounts(): Record<RecnodeRecordingStatus, number> {
    const counts = { waiting: 0, recording: 0, completed: 0, failed: 0 };
    for (const r of this.recordings.values()) counts[r.status]++;
    return counts;
  }

  recordingIds(): string[] {
    return [...this.recordings.keys()];
  }

  kill(death: NodeDeath = 'reset'): void {
    this.condition.down = death;
    for (const recorder of this.recordings.values()) recorder.kill();
    this.recordings.clear();
  }

  /** Back up as a fresh process: no recordings (its own or others'), no faults but the background list failures. */
  revive(): void {
    this.condition = healthyCondition(this.options.listFailureRate);
    this.foreign.clear();
  }

  /** Stops every recorder without uploading (the simulator is shutting down). */
  halt(): void {
    for (const recorder of this.recordings.values()) recorder.kill();
    this.recordings.clear();
  }
}
