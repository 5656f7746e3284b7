/**
 * One shared timer for the whole simulated world: a timer wheel with slots of `tickMs` real
 * milliseconds, driven by a single interval. Thousands of recorders each scheduling their next
 * playlist poll cost one Map insert, not one Node timer, which keeps 2,000 lives inside one core.
 */
import type { Clock } from './clock';

export interface Scheduled {
  cancel(): void;
}

interface Entry {
  run: () => void;
  cancelled: boolean;
}

export class Ticker {
  private readonly slots = new Map<number, Entry[]>();
  private lastSlot: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly clock: Clock,
    private readonly tickMs = 20,
  ) {
    this.lastSlot = this.slotOf(Date.now());
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
  }

  /** Runs `run` once `simDelayMs` of simulated time has passed (rounded up to the next tick). */
  after(simDelayMs: number, run: () => void): Scheduled {
    const entry: Entry = { run, cancelled: false };
    const realDue = Date.now() + Math.max(0, this.clock.toRealMs(simDelayMs));
    const slot = Math.max(this.slotOf(realDue), this.lastSlot + 1);
    const bucket = this.slots.get(slot);
    if (bucket) bucket.push(entry);
    else this.slots.set(slot, [entry]);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  stop(): void {
    clearInterval(this.timer);
    this.slots.clear();
  }

  private slotOf(realMs: number): number {
    return Math.ceil(realMs / this.tickMs);
  }

  private tick(): void {
    const current = this.slotOf(Date.now());
    // A blocked event loop skips intervals; walking every slot since the last tick runs their
    // entries late rather than never.
    for (let slot = this.lastSlot + 1; slot <= current; slot++) {
      const bucket = this.slots.get(slot);
      if (!bucket) continue;
      this.slots.delete(slot);
      for (const entry of bucket) {
        if (entry.cancelled) continue;
        try {
          entry.run();
        } catch (error) {
          // One failing task must not starve the others sharing its slot.
          console.error(`simulator: scheduled task failed: ${(error as Error).message}`);
        }
      }
    }
    this.lastSlot = current;
  }
}
