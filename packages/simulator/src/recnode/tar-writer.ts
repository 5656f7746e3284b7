/**
 * A recorder's uploads, as recnode's stream helper does them (rwiv/recnode
 * recnode/recorder/stream/stream_helper.py): downloaded files are tarred by SIZE — once the files
 * older than a couple of seconds add up to `tarBytes` — not by time, so the window of downloaded
 * but not uploaded segments grows as the bitrate falls. A tar upload retries with exponential
 * back-off; one that still fails is deleted silently while its segments stay in `success`, which
 * is why a loss report built from the Redis sets undercounts it. On close, in-flight uploads are
 * awaited and the rest is written as a last tar. The ledger records every outcome.
 */
import type { Ledger } from '../ledger';
import type { NodeClock } from './node-clock';
import type { RecorderSettings } from './recorder';

/** A node's upload faults, changed by tests while it runs. */
export interface UploadFaults {
  /** The next this many upload attempts fail (then uploads work again). */
  failNext: number;
  /** Every upload fails: each tar is dropped once its attempts are used up. */
  failForGood: boolean;
}

interface DownloadedFile {
  num: number;
  size: number;
  at: number;
}

export interface TarWriterDeps {
  liveId: string;
  node: string;
  clock: NodeClock;
  ledger: Ledger;
  settings: Pick<
    RecorderSettings,
    'tarBytes' | 'tarFileAgeMs' | 'uploadMs' | 'uploadAttempts' | 'uploadRetryMs'
  >;
  faults(): UploadFaults;
  sleep(simMs: number): Promise<void>;
}

export class TarWriter {
  private files: DownloadedFile[] = [];
  private readonly uploading = new Map<Promise<void>, number[]>();
  private dead = false;
  /** Tars uploaded so far. */
  tars = 0;

  constructor(private readonly deps: TarWriterDeps) {}

  add(num: number, size: number): void {
    this.files.push({ num, size, at: this.deps.clock.now() });
  }

  /** Once per poll: a tar of the old enough files, when they reach the size. */
  check(): void {
    const cutoff = this.deps.clock.now() - this.deps.settings.tarFileAgeMs;
    const old = this.files.filter((f) => f.at <= cutoff);
    const bytes = old.reduce((sum, f) => sum + f.size, 0);
    if (old.length === 0 || bytes < this.deps.settings.tarBytes) return;
    this.files = this.files.filter((f) => f.at > cutoff);
    this.start(old.map((f) => f.num));
  }

  /** On close: the uploads in flight, then everything left as one last tar. */
  async flush(): Promise<void> {
    while (this.uploading.size > 0) await Promise.allSettled([...this.uploading.keys()]);
    if (this.dead || this.files.length === 0) return;
    const rest = this.files.map((f) => f.num);
    this.files = [];
    await this.start(rest);
  }

  /** The node died: files on its disk and tars on their way are lost. */
  kill(): void {
    this.dead = true;
    const lost = [...this.files.map((f) => f.num), ...[...this.uploading.values()].flat()];
    this.deps.ledger.discarded(this.deps.liveId, this.deps.node, lost);
    this.files = [];
    this.uploading.clear();
  }

  private start(nums: number[]): Promise<void> {
    const task = this.upload(nums).finally(() => this.uploading.delete(task));
    this.uploading.set(task, nums);
    return task;
  }

  private async upload(nums: number[]): Promise<void> {
    const { settings, ledger, liveId, node } = this.deps;
    for (let attempt = 0; attempt < settings.uploadAttempts; attempt++) {
      if (attempt > 0) await this.deps.sleep(settings.uploadRetryMs * 2 ** (attempt - 1));
      await this.deps.sleep(settings.uploadMs);
      if (this.dead) return;
      const faults = this.deps.faults();
      if (!faults.failForGood && faults.failNext <= 0) {
        ledger.uploaded(liveId, node, nums);
        this.tars++;
        return;
      }
      if (faults.failNext > 0) faults.failNext--;
    }
    // Given up: recnode deletes the tar and says nothing; the segments stay in `success`.
    ledger.discarded(liveId, node, nums);
  }
}
