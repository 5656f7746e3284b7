/**
 * Simulated time. Streams, segment states and recnode's protocol timeouts all run on this clock,
 * so a test can play ten minutes of stream in twenty seconds by raising the scale, and every
 * duration in the simulator is written in simulated milliseconds.
 */
export interface Clock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** How many simulated milliseconds pass per real millisecond. */
  readonly scale: number;
  /** The real milliseconds a simulated duration takes (for timers and Redis expiries). */
  toRealMs(simMs: number): number;
}

/** Starts at the real time of its creation and runs `scale` times faster from there. */
export class ScaledClock implements Clock {
  private readonly realOrigin: number;

  constructor(
    readonly scale = 1,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(scale > 0)) throw new Error('simulator: the time scale must be positive');
    this.realOrigin = realNow();
  }

  now(): number {
    return this.realOrigin + (this.realNow() - this.realOrigin) * this.scale;
  }

  toRealMs(simMs: number): number {
    return simMs / this.scale;
  }
}
