/**
 * All SQL for nodes. A node's load is always counted from live_node in the same statement that
 * reads the node: there is no stored counter to drift (the original's `lives_cnt` did).
 */
import { Injectable } from '@nestjs/common';
import { asc, count, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { deleteUnlessReferenced } from '../db/delete-guard';
import { liveNode, node, nodeGroup } from '../db/schema';
import type { NodeRecord, NodeRow } from './node.mapper';

export type NodeInsert = typeof node.$inferInsert;

/**
 * The number of lives bound to the node of the current row. Spelled out with table names:
 * Drizzle leaves select-list columns unqualified in single-table queries.
 */
export const nodeLoad = sql<number>`(select count(*)::int from "live_node" where "live_node"."node_id" = "node"."id")`;

/**
 * The ids of the nodes matching `condition`, locked in id order. A statement that updates several
 * node rows locks them this way first, the order binding takes them in (live-node.repository), so
 * the two never deadlock; left to itself an update locks rows in whatever order it scans them.
 */
export const nodesLockedInOrder = (condition: SQL) =>
  sql`(select ${node.id} from ${node} where ${condition} order by ${node.id} for no key update)`;

@Injectable()
export class NodeRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.database.db;
  }

  records(where?: SQL): Promise<NodeRecord[]> {
    return this.db
      .select({ node: getTableColumns(node), group: getTableColumns(nodeGroup), load: nodeLoad })
      .from(node)
      .innerJoin(nodeGroup, eq(nodeGroup.id, node.groupId))
      .where(where)
      .orderBy(asc(nodeGroup.name), asc(node.name));
  }

  async record(id: string): Promise<NodeRecord | undefined> {
    const [row] = await this.records(eq(node.id, id));
    return row;
  }

  async byName(name: string): Promise<NodeRow | undefined> {
    const [row] = await this.db.select().from(node).where(eq(node.name, name));
    return row;
  }

  async insert(values: NodeInsert): Promise<NodeRow> {
    const [row] = await this.db.insert(node).values(values).returning();
    return row!;
  }

  async update(id: string, values: Partial<NodeInsert>): Promise<NodeRow | undefined> {
    const [row] = await this.db
      .update(node)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(node.id, id))
      .returning();
    return row;
  }

  /** Deletes the node; bindings reference it with ON DELETE RESTRICT, so a busy node is refused. */
  deleteIfIdle(id: string): Promise<{ deleted: NodeRow | undefined } | { inUse: number }> {
    return deleteUnlessReferenced(
      async () => (await this.db.delete(node).where(eq(node.id, id)).returning())[0],
      async () =>
        (await this.db.select({ n: count() }).from(liveNode).where(eq(liveNode.nodeId, id)))[0]?.n ?? 0,
    );
  }

  /** Sets every node's failure count back to zero, so that only recent failures lead to a cordon. */
  async resetFailureCounts(): Promise<number> {
    const rows = await this.db
      .update(node)
      .set({ failureCnt: 0 })
      .where(inArray(node.id, nodesLockedInOrder(sql`${node.failureCnt} > 0`)))
      .returning({ id: node.id });
    return rows.length;
  }
}
