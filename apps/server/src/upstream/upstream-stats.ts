/** Counts upstream calls and failures per service and kind (exported as metrics by a later module). */
import { Injectable } from '@nestjs/common';

export type UpstreamOutcome = 'ok' | 'timeout' | 'unreachable' | 'status' | 'invalid_response' | 'dropped';

@Injectable()
export class UpstreamStats {
  private readonly counts = new Map<string, number>();

  record(service: string, outcome: UpstreamOutcome): void {
    const key = `${service}:${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
