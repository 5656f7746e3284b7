/**
 * When each node was asked to start each recording (accepted `POST /api/recordings/{id}` only),
 * with the broadcast it records: benchmarks measure "live on air → a node asked to record it"
 * from this and the broadcast schedule. Bounded, oldest first out.
 */
import type { PlatformName } from '@recflow/contracts';

export interface RecordingStart {
  node: string;
  /** recflow's live id (the LiveState id). */
  recordId: string;
  platform: PlatformName;
  channelId: string;
  /** The platform's live id of the broadcast. */
  liveUid: string;
  /** Epoch ms when the node received the request. */
  receivedAt: number;
}

const KEEP = 100_000;

export class StartLog {
  private records: RecordingStart[] = [];

  add(start: RecordingStart): void {
    this.records.push(start);
    if (this.records.length > KEEP * 1.1) this.records = this.records.slice(-KEEP);
  }

  list(): RecordingStart[] {
    return [...this.records];
  }

  /** The first accepted start request per broadcast, by `platform:liveUid`. */
  firstByBroadcast(): Map<string, RecordingStart> {
    const first = new Map<string, RecordingStart>();
    for (const start of this.records) {
      const key = `${start.platform}:${start.liveUid}`;
      if (!first.has(key)) first.set(key, start);
    }
    return first;
  }
}
