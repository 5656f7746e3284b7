/** Counts upstream calls and failures per service and kind (exported as metrics by a later module). */
import { Injectable } from '@nestjs/common';

export type UpstreamOutcome =
  | 'ok'
  | 'timeout'
  | 'unreachable'
  | 'status'
  | 'invalid_response'
  | 'dropped'
  /** An item of an otherwise valid answer that did not validate and was left out (the call is `ok`). */
  | 'invalid_item';

@Injectable()
export class UpstreamStats {
  private readonly counts = new Map<string, number>();

  record(service: string, outcome: UpstreamOutcome, count = 1): void {
    if (count <= 0) return;
    const key = `${service}:${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + count);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
