/**
 * Runs one criterion's searches on streamq (in parallel, bounded; the original ran them one after
 * another) and gathers the lives they found, one per channel with every unit that found it. A
 * failing search is reported beside the others' results, never thrown: detection logs it, the
 * preview shows it.
 */
import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import type { CriterionUnitRef, LiveInfo } from '@recflow/contracts';
import { AppConfig } from '../config/app-config';
import { mapWithConcurrency } from '../shared/concurrency';
import { StreamqClient } from '../upstream/streamq/streamq.client';
import { type CriterionSpec, searchesOf } from './criterion-matching';

const SEARCHES_IN_PARALLEL = 8;

export interface FoundLive {
  live: LiveInfo;
  /** The positive units whose searches found it. */
  matched: CriterionUnitRef[];
}

export interface SearchReport {
  unit: CriterionUnitRef;
  ok: boolean;
  found: number;
  ms: number;
  error: string | null;
}

export interface SearchResult {
  lives: FoundLive[];
  searches: SearchReport[];
}

@Injectable()
export class CriterionSearch {
  constructor(
    private readonly config: AppConfig,
    private readonly streamq: StreamqClient,
  ) {}

  /** With `timeLimitMs`, every search must answer within that time of the start, queued ones included. */
  async run(spec: CriterionSpec, timeLimitMs?: number): Promise<SearchResult> {
    const searches = searchesOf(spec);
    const deadline = timeLimitMs === undefined ? undefined : performance.now() + timeLimitMs;
    const results = await mapWithConcurrency(searches, SEARCHES_IN_PARALLEL, async ({ unit, search }) => {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const left =
        deadline === undefined ? this.config.values.HTTP_TIMEOUT_MS : Math.floor(deadline - started);
      if (left <= 0) {
        const error = `not started within the time limit of ${timeLimitMs} ms`;
        return { unit, lives: [], report: { unit, ok: false, found: 0, ms: 0, error } };
      }
      try {
        const lives = await this.streamq.searchLives(
          search,
          Math.min(left, this.config.values.HTTP_TIMEOUT_MS),
        );
        return { unit, lives, report: { unit, ok: true, found: lives.length, ms: elapsed(), error: null } };
      } catch (error) {
        const report = { unit, ok: false, found: 0, ms: elapsed(), error: (error as Error).message };
        return { unit, lives: [] as LiveInfo[], report };
      }
    });
    const byChannel = new Map<string, FoundLive>();
    for (const { unit, lives } of results) {
      for (const live of lives) {
        const seen = byChannel.get(live.channelUid);
        // The latest answer wins for the live itself; the units that found it accumulate.
        byChannel.set(live.channelUid, { live, matched: [...(seen?.matched ?? []), unit] });
      }
    }
    const reports: SearchReport[] = results.map((r) => r.report);
    return { lives: [...byChannel.values()], searches: reports };
  }
}
