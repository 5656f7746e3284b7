/**
 * Broadcasts that go on air later, each at its own moment (real time): benchmarks put hundreds of
 * lives on air over minutes and then ask when each one really started.
 */
import type { PlatformName } from '@recflow/contracts';
import type { LiveSpec, World } from './world';

export interface PlannedBroadcast {
  platform: PlatformName;
  sourceId: string;
  /** Real ms from now. */
  inMs: number;
  live?: LiveSpec;
}

export interface BroadcastRecord {
  platform: PlatformName;
  sourceId: string;
  /** Epoch ms it is due. */
  dueAt: number;
  /** Epoch ms it went on air; null while pending. */
  startedAt: number | null;
  /** The platform's live id once on air. */
  liveUid: string | null;
  error: string | null;
}

export class BroadcastSchedule {
  private readonly records: BroadcastRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly world: World) {}

  plan(broadcasts: PlannedBroadcast[]): number {
    const now = Date.now();
    for (const planned of broadcasts) {
      const record: BroadcastRecord = {
        platform: planned.platform,
        sourceId: planned.sourceId,
        dueAt: now + planned.inMs,
        startedAt: null,
        liveUid: null,
        error: null,
      };
      this.records.push(record);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        try {
          const live = this.world.startLive(planned.platform, planned.sourceId, planned.live);
          record.startedAt = Date.now();
          record.liveUid = String(live.liveId);
        } catch (error) {
          record.error = (error as Error).message;
        }
      }, planned.inMs);
      this.timers.add(timer);
    }
    return broadcasts.length;
  }

  list(): BroadcastRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  /** Cancels what has not started and forgets everything. */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.records.length = 0;
  }
}
