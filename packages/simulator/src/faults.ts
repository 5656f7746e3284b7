/** Fault injection for the simulated services: what the next answers of a service look like. */
export type ServiceFault =
  | { mode: 'none' }
  /** Answers with this HTTP status and a short text body. */
  | { mode: 'status'; status: number }
  /** Answers 200 with a body that is not JSON. */
  | { mode: 'garbage' }
  /** Answers 200 with JSON of the wrong shape. */
  | { mode: 'wrong_shape' }
  /** Never answers (the client's timeout must fire). */
  | { mode: 'hang' }
  /** Answers after a delay. */
  | { mode: 'slow'; delayMs: number };

export const NO_FAULT: ServiceFault = { mode: 'none' };

export class Faults {
  streamq: ServiceFault = NO_FAULT;

  reset(): void {
    this.streamq = NO_FAULT;
  }
}
