/** All SQL for live rows: creation, status transitions, and the joined records the API shows. */
import { Injectable } from '@nestjs/common';
import type { LiveQuery } from '@recflow/contracts';
import { and, desc, eq, getTableColumns, type InferSelectModel, inArray, type SQL, sql } from 'drizzle-orm';
import type { ChannelRow, GradeRow, PlatformRow } from '../channel/channel.mapper';
import type { DbOrTx } from '../db/database';
import { DatabaseHandle } from '../db/db.module';
import {
  channel,
  channelGrade,
  type FinishRequest,
  live,
  liveNode,
  liveStream,
  node,
  OPEN_LIVE_STATUSES,
  platform,
} from '../db/schema';
import type { LiveStreamRow } from './live-stream.repository';

export type LiveRow = InferSelectModel<typeof live>;
export type LiveInsert = typeof live.$inferInsert;

export interface BoundNode {
  id: string;
  name: string;
  description: string | null;
  endpoint: string;
  priority: number;
  capacity: number;
  isCordoned: boolean;
  isDomestic: boolean;
  groupId: string;
  failureCnt: number;
  lastAssignedAt: string | null;
  createdAt: string;
  updatedAt: string | null;
  load: number;
  boundAt: string;
  group: {
    id: string;
    name: string;
    description: string | null;
    createdAt: string;
    updatedAt: string | null;
  };
}

export interface LiveRecord {
  live: LiveRow;
  platform: PlatformRow;
  channel: ChannelRow;
  grade: GradeRow;
  stream: LiveStreamRow | null;
  nodes: BoundNode[];
}

// Explicit camelCase keys (row_to_json would give column names); evaluated only for returned rows.
const nodesOfLive = sql<BoundNode[]>`coalesce((
  select json_agg(json_build_object(
    'id', n.id, 'name', n.name, 'description', n.description, 'endpoint', n.endpoint,
    'priority', n.priority, 'capacity', n.capacity, 'isCordoned', n.is_cordoned, 'isDomestic', n.is_domestic,
    'groupId', n.group_id, 'failureCnt', n.failure_cnt, 'lastAssignedAt', n.last_assigned_at,
    'createdAt', n.created_at, 'updatedAt', n.updated_at,
    'load', (select count(*) from live_node x where x.node_id = n.id),
    'boundAt', ln.created_at,
    'group', json_build_object('id', g.id, 'name', g.name, 'description', g.description,
                               'createdAt', g.created_at, 'updatedAt', g.updated_at)
  ) order by ln.created_at, n.name)
  from live_node ln join node n on n.id = ln.node_id join node_group g on g.id = n.group_id
  where ln.live_id = "live"."id"
), '[]'::json)`;

@Injectable()
export class LiveRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.database.db;
  }

  async insert(values: LiveInsert): Promise<LiveRow> {
    const [row] = await this.db.insert(live).values(values).returning();
    return row!;
  }

  async activeOfChannel(channelId: string): Promise<LiveRow | undefined> {
    const [row] = await this.db
      .select()
      .from(live)
      .where(
        and(
          eq(live.channelId, channelId),
          sql`${live.status} in ('initializing', 'recording', 'finalizing')`,
        ),
      );
    return row;
  }

  /** initializing → recording; false if the live was no longer initializing. */
  async markRecording(id: string): Promise<boolean> {
    const rows = await this.db
      .update(live)
      .set({ status: 'recording', failureReason: null, updatedAt: sql`now()` })
      .where(and(eq(live.id, id), inArray(live.status, OPEN_LIVE_STATUSES)))
      .returning({ id: live.id });
    return rows.length > 0;
  }

  /** Ends an unfinished live as failed, with the reason shown by the API. */
  async markFailed(id: string, reason: string): Promise<void> {
    await this.db
      .update(live)
      .set({ status: 'failed', failureReason: reason, updatedAt: sql`now()`, deletedAt: sql`now()` })
      .where(and(eq(live.id, id), inArray(live.status, OPEN_LIVE_STATUSES)));
  }

  /** recording/initializing → finalizing with the request; undefined if the live was not active. */
  async markFinalizing(id: string, request: FinishRequest): Promise<LiveRow | undefined> {
    const [row] = await this.db
      .update(live)
      .set({ status: 'finalizing', finishRequest: request, updatedAt: sql`now()` })
      .where(and(eq(live.id, id), inArray(live.status, OPEN_LIVE_STATUSES)))
      .returning();
    return row;
  }

  /** finalizing → deleted, inside the finishing transaction; false if it was not finalizing. */
  async completeFinish(tx: DbOrTx, id: string): Promise<boolean> {
    const rows = await tx
      .update(live)
      .set({ status: 'deleted', updatedAt: sql`now()`, deletedAt: sql`now()` })
      .where(and(eq(live.id, id), eq(live.status, 'finalizing')))
      .returning({ id: live.id });
    return rows.length > 0;
  }

  /** Marks the live deleted (its record kept); the first deletion time is kept. */
  async markDeleted(id: string): Promise<void> {
    await this.db
      .update(live)
      .set({ status: 'deleted', updatedAt: sql`now()`, deletedAt: sql`coalesce(${live.deletedAt}, now())` })
      .where(eq(live.id, id));
  }

  /** Removes the row; its bindings go with it (ON DELETE CASCADE). */
  async purge(id: string): Promise<void> {
    await this.db.delete(live).where(eq(live.id, id));
  }

  async records(where: SQL | undefined, limit = 500): Promise<LiveRecord[]> {
    const rows = await this.db
      .select({
        live: getTableColumns(live),
        platform: getTableColumns(platform),
        channel: getTableColumns(channel),
        grade: getTableColumns(channelGrade),
        stream: getTableColumns(liveStream),
        nodes: nodesOfLive,
      })
      .from(live)
      .innerJoin(platform, eq(platform.id, live.platformId))
      .innerJoin(channel, eq(channel.id, live.channelId))
      .innerJoin(channelGrade, eq(channelGrade.id, channel.gradeId))
      .leftJoin(liveStream, eq(liveStream.id, live.liveStreamId))
      .where(where)
      .orderBy(desc(live.createdAt), desc(live.id))
      .limit(limit);
    return rows as LiveRecord[];
  }

  async record(id: string): Promise<LiveRecord | undefined> {
    const [row] = await this.records(eq(live.id, id), 1);
    return row;
  }

  /** The filter of `GET /api/lives`. */
  filter(q: LiveQuery): SQL | undefined {
    const conditions: SQL[] = [];
    const statuses = q.status ?? ['initializing', 'recording', 'finalizing'];
    conditions.push(inArray(live.status, statuses));
    if (q.platform) conditions.push(eq(platform.name, q.platform));
    if (q.channelId) conditions.push(eq(live.channelId, q.channelId));
    if (q.ids) conditions.push(inArray(live.id, q.ids));
    if (q.nodeId) {
      conditions.push(
        sql`exists (select 1 from ${liveNode} where ${liveNode.liveId} = ${live.id} and ${liveNode.nodeId} = ${q.nodeId})`,
      );
    }
    if (q.groupId) {
      conditions.push(
        sql`exists (select 1 from ${liveNode} join ${node} on ${node.id} = ${liveNode.nodeId} where ${liveNode.liveId} = ${live.id} and ${node.groupId} = ${q.groupId})`,
      );
    }
    return and(...conditions);
  }
}
