/**
 * Bindings of lives to nodes, under the capacity rule and the one-node-per-group rule. Binding
 * locks the live's row, then the chosen node rows, then recounts in a fresh statement and inserts
 * only where the node is still below capacity and its group holds none of the live's nodes: every
 * binder takes the same locks (live first, nodes in id order, so no deadlock), so concurrent
 * registrations can never over-fill a node (the original's could), and concurrent binders of one
 * live (recovery, the balancer, a drain) can never put two of its nodes in one group. The locks are
 * FOR NO KEY UPDATE, which foreign-key checks (KEY SHARE) do not wait for.
 */
import { Injectable } from '@nestjs/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { DatabaseHandle } from '../db/db.module';
import { live, liveNode, node, OPEN_LIVE_STATUSES } from '../db/schema';
import { nodeLoad } from '../node/node.repository';
import type { Candidate } from './node-selector';

const isOpenLive = (liveId: string) => and(eq(live.id, liveId), inArray(live.status, OPEN_LIVE_STATUSES));

export interface CandidateNode extends Candidate {
  name: string;
  endpoint: string;
}

@Injectable()
export class LiveNodeRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.database.db;
  }

  /** Every selectable node with its load, optionally narrowed to some nodes or groups. One statement. */
  candidates(only: { nodeIds?: string[]; groupIds?: string[] } = {}): Promise<CandidateNode[]> {
    const conditions = [sql`not ${node.isCordoned}`];
    if (only.nodeIds) conditions.push(inArray(node.id, only.nodeIds));
    if (only.groupIds) conditions.push(inArray(node.groupId, only.groupIds));
    return this.db
      .select({
        id: node.id,
        name: node.name,
        endpoint: node.endpoint,
        groupId: node.groupId,
        priority: node.priority,
        capacity: node.capacity,
        isCordoned: node.isCordoned,
        isDomestic: node.isDomestic,
        lastAssignedAt: node.lastAssignedAt,
        load: nodeLoad,
      })
      .from(node)
      .where(and(...conditions));
  }

  /**
   * Binds the live, while it is initializing or recording, to each node that still has room and
   * whose group holds none of the live's nodes (the first of the given nodes per group); returns
   * the ids actually bound, or null when the live is gone or being finished.
   */
  async bind(liveId: string, nodeIds: string[]): Promise<string[] | null> {
    if (nodeIds.length === 0) return [];
    const sorted = [...nodeIds].sort();
    return this.db.transaction(async (tx) => {
      // A live being finished gets no new node: its finisher stops the recorders it finds bound.
      const [open] = await tx
        .select({ id: live.id })
        .from(live)
        .where(isOpenLive(liveId))
        .for('no key update');
      if (!open) return null;
      await tx
        .select({ id: node.id })
        .from(node)
        .where(inArray(node.id, sorted))
        .orderBy(node.id)
        // Not FOR UPDATE: that also conflicts with the KEY SHARE locks every foreign-key check on a
        // node takes (audit rows, bindings), which other registrations take in no particular order,
        // and could deadlock with them. Binders still take turns on this lock.
        .for('no key update');
      const room = await tx
        .select({ id: node.id, groupId: node.groupId })
        .from(node)
        .where(
          and(
            inArray(node.id, sorted),
            sql`(select count(*) from "live_node" where "live_node"."node_id" = "node"."id") < "node"."capacity"`,
            sql`not exists (select 1 from "live_node" b join "node" n on n."id" = b."node_id"
                            where b."live_id" = ${liveId} and n."group_id" = "node"."group_id")`,
          ),
        );
      const groups = new Set<string>();
      const bindable = nodeIds.filter((id) => {
        const row = room.find((r) => r.id === id);
        if (!row || groups.has(row.groupId)) return false;
        groups.add(row.groupId);
        return true;
      });
      if (bindable.length === 0) return [];
      const inserted = await tx
        .insert(liveNode)
        .values(bindable.map((nodeId) => ({ liveId, nodeId })))
        .onConflictDoNothing()
        .returning({ nodeId: liveNode.nodeId });
      const bound = inserted.map((r) => r.nodeId);
      if (bound.length > 0)
        await tx.update(node).set({ lastAssignedAt: sql`now()` }).where(inArray(node.id, bound));
      return bound;
    });
  }

  /** Whether the live may still get nodes: it exists and is initializing or recording. */
  async isOpen(liveId: string): Promise<boolean> {
    const [row] = await this.db.select({ id: live.id }).from(live).where(isOpenLive(liveId));
    return row !== undefined;
  }

  /** The groups the live's nodes are in. */
  async groupsOf(liveId: string): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ groupId: node.groupId })
      .from(liveNode)
      .innerJoin(node, eq(node.id, liveNode.nodeId))
      .where(eq(liveNode.liveId, liveId));
    return rows.map((r) => r.groupId);
  }

  async unbind(liveId: string, nodeIds?: string[], db: DbOrTx = this.db): Promise<void> {
    const condition = nodeIds
      ? and(eq(liveNode.liveId, liveId), inArray(liveNode.nodeId, nodeIds))
      : eq(liveNode.liveId, liveId);
    if (nodeIds?.length === 0) return;
    await db.delete(liveNode).where(condition);
  }
}
