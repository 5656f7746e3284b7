/**
 * All SQL of recordings: the page of finished lives with their finish events and reports, the
 * targets of the recording-state clean-up, and the writes of reports. A page is one statement and
 * its total one more; the clean-up reads its targets in one statement and writes their reports in
 * one, whatever the batch size.
 */
import { Injectable } from '@nestjs/common';
import type { PlatformName, RecordingQuery, RecordingSegments } from '@recflow/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { DatabaseHandle } from '../db/db.module';
import { recordingReport } from '../db/schema';

export interface RecordingRow {
  id: string;
  title: string;
  videoName: string;
  createdAt: Date | string;
  deletedAt: Date | string | null;
  finishBy: 'operator' | 'cleaner' | 'recovery' | null;
  channelId: string;
  platform: PlatformName;
  sourceId: string;
  username: string;
  profileImageUrl: string | null;
  eventStatus: 'complete' | 'canceled' | null;
  eventSentAt: Date | string | null;
  nodes: string[] | null;
  nodesGivenUp: string[] | null;
  takenAt: Date | string | null;
  ok: number | null;
  failed: number | null;
  retrying: number | null;
  missing: number | string | null;
  missingNumbers: Array<number | string> | null;
}

export interface CleanupTarget {
  id: string;
  /** No live row: purged, or never recflow's. */
  orphan: boolean;
}

export interface RecordingLocation {
  status: string;
  platform: PlatformName;
  sourceId: string;
  videoName: string;
}

type Rows<T> = { rows: T[] };

/** `%` and `_` match themselves in `q`, as in the channel search. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Ids validated as UUIDs, as one Postgres array literal (one parameter, whatever the count). */
function uuidArray(ids: string[]): string {
  return `{${ids.join(',')}}`;
}

@Injectable()
export class RecordingRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.database.db;
  }

  private filters(query: RecordingQuery): SQL {
    const where: SQL[] = [sql`l.status = 'deleted'`];
    if (query.platform) where.push(sql`p.name = ${query.platform}`);
    if (query.channelId) where.push(sql`l.channel_id = ${query.channelId}`);
    if (query.outcome === 'nothing_recorded') where.push(sql`fe.id is null`);
    else if (query.outcome) where.push(sql`fe.body->>'status' = ${query.outcome}`);
    if (query.q) {
      const pattern = likePattern(query.q);
      where.push(
        sql`(lower(l.live_title) like lower(${pattern}) or lower(c.username) like lower(${pattern}))`,
      );
    }
    return sql.join(where, sql` and `);
  }

  /** Newest ended first; the order matches `live_finished_idx`. */
  async page(query: RecordingQuery): Promise<RecordingRow[]> {
    const result = (await this.db.execute(sql`
      select l.id, l.live_title as "title", l.video_name as "videoName", l.created_at as "createdAt",
             l.deleted_at as "deletedAt", l.finish_request->>'by' as "finishBy",
             c.id as "channelId", p.name as "platform", c.source_id as "sourceId", c.username,
             c.profile_img_url as "profileImageUrl",
             fe.body->>'status' as "eventStatus", fe.sent_at as "eventSentAt",
             coalesce(r.nodes, array(
               select distinct n.name from audit_event ae join node n on n.id = ae.node_id
               where ae.live_id = l.id and ae.kind = 'live.node_added' order by n.name
             )) as "nodes", r.nodes_given_up as "nodesGivenUp",
             r.taken_at as "takenAt", r.segments_ok as "ok", r.segments_failed as "failed",
             r.segments_retrying as "retrying", r.segments_missing as "missing",
             r.missing_numbers as "missingNumbers"
      from live l
      join channel c on c.id = l.channel_id
      join platform p on p.id = l.platform_id
      left join finish_event fe on fe.live_id = l.id
      left join recording_report r on r.live_id = l.id
      where ${this.filters(query)}
      order by l.deleted_at desc nulls last, l.id
      limit ${query.limit} offset ${query.offset}`)) as unknown as Rows<RecordingRow>;
    return result.rows;
  }

  async total(query: RecordingQuery): Promise<number> {
    const result = (await this.db.execute(sql`
      select count(*)::int as n
      from live l
      join channel c on c.id = l.channel_id
      join platform p on p.id = l.platform_id
      left join finish_event fe on fe.live_id = l.id
      where ${this.filters(query)}`)) as unknown as Rows<{ n: number }>;
    return result.rows[0]?.n ?? 0;
  }

  /** Where a live's recording was uploaded, or undefined for an unknown live. */
  async location(liveId: string): Promise<RecordingLocation | undefined> {
    const result = (await this.db.execute(sql`
      select l.status, p.name as "platform", c.source_id as "sourceId", l.video_name as "videoName"
      from live l join channel c on c.id = l.channel_id join platform p on p.id = l.platform_id
      where l.id = ${liveId}`)) as unknown as Rows<RecordingLocation>;
    return result.rows[0];
  }

  /**
   * Within the finishing transaction, before the bindings are released: the names of the nodes
   * bound now and of every node that was added to the live before (failover, drain, balancer),
   * and of those the finisher gave up waiting for.
   */
  async recordNodes(tx: DbOrTx, liveId: string, givenUp: string[]): Promise<void> {
    const names = sql`array[${sql.join(
      givenUp.map((name) => sql`${name}`),
      sql`, `,
    )}]::text[]`;
    await tx.execute(sql`
      insert into recording_report (live_id, nodes, nodes_given_up)
      select ${liveId}::uuid, array(
        select distinct n.name from node n
        where n.id in (
          select ln.node_id from live_node ln where ln.live_id = ${liveId}
          union
          select ae.node_id from audit_event ae
          where ae.live_id = ${liveId} and ae.kind = 'live.node_added' and ae.node_id is not null)
        order by n.name), ${names}
      on conflict (live_id) do update set nodes = excluded.nodes, nodes_given_up = excluded.nodes_given_up`);
  }

  /**
   * Of the indexed recording states (ids oldest first), those to clean now: lives that ended more
   * than `graceSec` ago, and states with no live at all among `orphanable` (those old enough to be
   * orphans). Active lives are never targets.
   */
  async cleanupTargets(
    ids: string[],
    orphanable: string[],
    graceSec: number,
    limit: number,
  ): Promise<CleanupTarget[]> {
    if (ids.length === 0) return [];
    const result = (await this.db.execute(sql`
      select x.id, l.id is null as "orphan"
      from unnest(${uuidArray(ids)}::uuid[]) with ordinality as x(id, ord)
      left join live l on l.id = x.id
      where (l.id is null and x.id = any(${uuidArray(orphanable)}::uuid[]))
         or (l.status in ('deleted', 'failed')
             and coalesce(l.deleted_at, l.updated_at, l.created_at) < now() - make_interval(secs => ${graceSec}))
      order by x.ord
      limit ${limit}`)) as unknown as Rows<CleanupTarget>;
    return result.rows;
  }

  /**
   * Writes loss reports in one statement; a report already taken is never replaced (a re-run
   * after a crash that deleted half the keys would count less). Returns the ids written now.
   */
  async saveReports(reports: Array<{ liveId: string; segments: RecordingSegments }>): Promise<string[]> {
    if (reports.length === 0) return [];
    const rows = await this.db
      .insert(recordingReport)
      .values(
        reports.map(({ liveId, segments: s }) => ({
          liveId,
          segmentsOk: s.ok,
          segmentsFailed: s.failed,
          segmentsRetrying: s.retrying,
          segmentsMissing: s.missing,
          missingNumbers: s.missingNumbers,
          takenAt: sql`now()`,
        })),
      )
      .onConflictDoUpdate({
        target: recordingReport.liveId,
        set: {
          segmentsOk: sql`excluded.segments_ok`,
          segmentsFailed: sql`excluded.segments_failed`,
          segmentsRetrying: sql`excluded.segments_retrying`,
          segmentsMissing: sql`excluded.segments_missing`,
          missingNumbers: sql`excluded.missing_numbers`,
          takenAt: sql`excluded.taken_at`,
        },
        setWhere: sql`${recordingReport.takenAt} is null`,
      })
      .returning({ liveId: recordingReport.liveId });
    return rows.map((r) => r.liveId);
  }
}
