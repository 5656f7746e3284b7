/**
 * One simulated recnode: its recordings and its condition (alive or killed, API faults, slow
 * downloads, cut from Redis). Killing it is a process death: its HTTP API stops answering, its
 * recorders stop where they are, and a revived node starts empty, as a restarted recnode would.
 */
import {
  type LiveState,
  RECNODE_DETAIL,
  type RecnodeRecording,
  type RecnodeRecordingStatus,
} from '@recflow/contracts';
import type { Redis } from 'ioredis';
import { NO_FAULT, type ServiceFault } from '../faults';
import { Recorder, type RecorderDeps } from './recorder';
import { RedisUnavailable, SegmentProtocol } from './segment-protocol';

/** How a killed node looks from outside: connections reset (like refused), or requests that hang. */
export type NodeDeath = 'reset' | 'hang';

export interface NodeCondition {
  down: NodeDeath | null;
  /** How its HTTP API answers while alive. */
  api: ServiceFault;
  /** Simulated ms before each segment download. */
  downloadDelayMs: number;
  redisCut: boolean;
}

export type StartOutcome = { ok: true } | { ok: false; status: 404 | 422 | 500; detail: string };

type NodeDeps = Omit<RecorderDeps, 'node' | 'protocol' | 'downloadDelayMs'>;

export class RecnodeNode {
  private readonly recordings = new Map<string, Recorder>();
  readonly protocol: SegmentProtocol;
  condition: NodeCondition = { down: null, api: NO_FAULT, downloadDelayMs: 0, redisCut: false };

  constructor(
    readonly name: string,
    readonly group: string,
    /** Base URL: `{endpoint}/api/recordings` is its API. */
    readonly endpoint: string,
    redis: Redis,
    private readonly deps: NodeDeps,
  ) {
    this.protocol = new SegmentProtocol(() => {
      if (this.condition.redisCut || this.condition.down) throw new RedisUnavailable('cut from Redis');
      return redis;
    }, deps.clock);
  }

  /** `POST /api/recordings/{id}`. */
  async start(id: string): Promise<StartOutcome> {
    let state: LiveState | null;
    try {
      state = await this.protocol.readLiveState(id);
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
      protocol: this.protocol,
      downloadDelayMs: () => this.condition.downloadDelayMs,
    });
    this.recordings.set(id, recorder);
    recorder.start();
    return { ok: true };
  }

  /** `DELETE /api/recordings/{id}`: the recorder stops, uploads, then leaves the list. */
  async cancel(id: string): Promise<StartOutcome> {
    let exists: boolean;
    try {
      exists = await this.protocol.liveStateExists(id);
    } catch (error) {
      return { ok: false, status: 500, detail: `cannot read LiveState: ${(error as Error).message}` };
    }
    if (!exists) return { ok: false, status: 404, detail: RECNODE_DETAIL.notFoundLiveState };
    const recorder = this.recordings.get(id);
    if (!recorder) return { ok: false, status: 404, detail: 'Not found recorder' };
    void recorder.abort().then(() => {
      if (this.recordings.get(id) === recorder && !this.condition.down) this.recordings.delete(id);
    });
    return { ok: true };
  }

  list(withStats: boolean): RecnodeRecording[] {
    return [...this.recordings.values()].map((r) => ({
      id: r.state.id,
      platform: r.state.platform,
      channelId: r.state.channelId,
      channelName: r.state.channelName,
      liveId: r.state.liveId,
      videoName: r.state.videoName,
      fsName: r.state.fsName,
      num: r.uploads,
      location: r.state.location,
      status: r.status,
      ...(withStats ? { stats: r.counters.toStats() } : {}),
    }));
  }

  /** Whether any recorder is mid-download (recnode's `full_stats` can fail then). */
  get downloading(): boolean {
    return [...this.recordings.values()].some((r) => r.downloading);
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

  /** Back up as a fresh process: no recordings, no faults. */
  revive(): void {
    this.condition = { down: null, api: NO_FAULT, downloadDelayMs: 0, redisCut: false };
  }

  /** Stops every recorder without uploading (the simulator is shutting down). */
  halt(): void {
    for (const recorder of this.recordings.values()) recorder.kill();
    this.recordings.clear();
  }
}
