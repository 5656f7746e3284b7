/** Fault injection for the simulated services: what the next answers of a service look like. */
import type { ServerResponse } from 'node:http';
import { sendJson, sendText } from './http';

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

/** Faults of the shared services; nodes keep theirs in their own condition. */
export class Faults {
  streamq: ServiceFault = NO_FAULT;
  stlink: ServiceFault = NO_FAULT;
  untf: ServiceFault = NO_FAULT;
  /** Faults of streamq live searches for one searched value (tag, keyword or number). */
  readonly searches = new Map<string, ServiceFault>();

  reset(): void {
    this.searches.clear();
    this.streamq = NO_FAULT;
    this.stlink = NO_FAULT;
    this.untf = NO_FAULT;
  }
}

/** Answers per the fault; true when the request is fully handled (or deliberately left hanging). */
export async function applyFault(fault: ServiceFault, res: ServerResponse): Promise<boolean> {
  switch (fault.mode) {
    case 'none':
      return false;
    case 'status':
      sendText(res, fault.status, `simulated failure ${fault.status}`);
      return true;
    case 'garbage':
      sendText(res, 200, '<html>definitely not json', 'application/json');
      return true;
    case 'wrong_shape':
      sendJson(res, 200, { unexpected: true, items: 'nope' });
      return true;
    case 'hang':
      // Leave the request open until the client gives up or the server closes.
      return true;
    case 'slow':
      await new Promise((r) => setTimeout(r, fault.delayMs));
      return false;
  }
}
