/**
 * SQL of restarting an invalid live as a new record. The restart is claimed in one transaction: the
 * old live moves `recording → finalizing` (the conditional UPDATE is the claim: of two replicas, or
 * two runs, exactly one gets the row) and its successor is inserted with `restarted_from`, whose
 * unique index allows one successor per live. A crash before the commit leaves nothing; after it,
 * the successor and the finishing live are both visible to the loops.
 */
import { Injectable } from '@nestjs/common';
import type { PlatformName } from '@recflow/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { isUniqueViolation } from '../db/pg-errors';
import { type FinishRequest, live, type RecordedReason } from '../db/schema';
import type { LiveInsert, LiveRow } from './live.repository';

/** A recording live with what restarting it needs. */
export interface RestartCandidate {
  id: string;
  channelId: string;
  platformId: string;
  platform: PlatformName;
  channelUid: string;
  username: string;
  isFollowed: boolean;
  sourceId: string;
  liveTitle: string;
  fsName: string;
  domesticOnly: boolean;
  overseasFirst: boolean;
  isAdult: boolean;
  recordedReason: RecordedReason | null;
  nodesPerLive: number | null;
  shouldNotify: boolean;
  /** The criterion that recorded it asks for credentials. */
  enforceCreds: boolean;
}

const VIDEO_NAME_ATTEMPTS = 5;

@Injectable()
export class LiveRestartRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.database.db;
  }

  /**
   * Ids of recording lives, and of lives a restart is finishing (so an interrupted restart resumes);
   * a finish that gave up after every retry waits for an operator and is not queued again.
   */
  async watched(): Promise<Array<{ id: string; status: 'recording' | 'finalizing' }>> {
    const result = (await this.db.execute(sql`
      select id, status from live
      where status = 'recording'
         or (status = 'finalizing' and finish_request->>'by' = 'recovery' and failure_reason is null)`)) as unknown as {
      rows: Array<{ id: string; status: 'recording' | 'finalizing' }>;
    };
    return result.rows;
  }

  /** The given lives, if still recording, with their channel, grade and criterion. One statement. */
  async candidates(ids: string[]): Promise<RestartCandidate[]> {
    if (ids.length === 0) return [];
    const result = (await this.db.execute(sql`
      select l.id, l.channel_id as "channelId", l.platform_id as "platformId", p.name as platform,
             c.source_id as "channelUid", c.username, c.is_followed as "isFollowed",
             l.source_id as "sourceId", l.live_title as "liveTitle", l.fs_name as "fsName",
             l.domestic_only as "domesticOnly", l.overseas_first as "overseasFirst", l.is_adult as "isAdult",
             l.recorded_reason as "recordedReason", g.nodes_per_live as "nodesPerLive",
             g.should_notify as "shouldNotify", coalesce(cr.enforce_creds, false) as "enforceCreds"
      from live l
      join channel c on c.id = l.channel_id
      join platform p on p.id = l.platform_id
      join channel_grade g on g.id = c.grade_id
      left join live_criterion cr on l.recorded_reason->>'by' = 'criterion'
                                 and cr.id::text = l.recorded_reason->>'criterionId'
      where l.status = 'recording'
        and l.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`)) as unknown as {
      rows: RestartCandidate[];
    };
    return result.rows;
  }

  /**
   * Claims the restart: the old live becomes `finalizing` with `request`, and its successor is
   * created `initializing`. Null when the old live was no longer recording (another run, the
   * cleaner or an operator got to it first). `videoNameAt(attempt)` names the successor; a name
   * taken by another live of the channel moves on to the next.
   */
  async claim(
    oldId: string,
    request: FinishRequest,
    successor: Omit<LiveInsert, 'videoName' | 'restartedFrom'>,
    videoNameAt: (attempt: number) => string,
  ): Promise<LiveRow | null> {
    return this.db.transaction(async (tx) => {
      const moved = await tx
        .update(live)
        .set({ status: 'finalizing', finishRequest: request, updatedAt: sql`now()` })
        .where(and(eq(live.id, oldId), eq(live.status, 'recording')))
        .returning({ id: live.id });
      if (moved.length === 0) return null;
      for (let attempt = 0; ; attempt++) {
        try {
          // A savepoint per attempt: a taken video name must not abort the claim.
          return await tx.transaction(async (sp) => {
            const [row] = await sp
              .insert(live)
              .values({ ...successor, videoName: videoNameAt(attempt), restartedFrom: oldId })
              .returning();
            return row!;
          });
        } catch (error) {
          if (!isUniqueViolation(error, 'live_channel_video_name_key') || attempt + 1 >= VIDEO_NAME_ATTEMPTS)
            throw error;
        }
      }
    });
  }
}
