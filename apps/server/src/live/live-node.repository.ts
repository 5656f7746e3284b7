/**
 * Bindings of lives to nodes, under the capacity rule. Binding locks the chosen node rows, then
 * recounts their load in a fresh statement and inserts only where it is still below capacity:
 * every binder takes the same locks (in id order, so no deadlock), so concurrent registrations
 * can never over-fill a node (§14.6). The lock is FOR NO KEY UPDATE, which foreign-key checks on
 * node rows (KEY SHARE) do not wait for.
 */
import { Injectable } from '@nestjs/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { DatabaseHandle } from '../db/db.module';
import { liveNode, node } from '../db/schema';
import { nodeLoad } from '../node/node.repository';
import type { Candidate } from './node-selector';

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

  /** Binds the live to each node that still has room; returns the ids actually bound. */
  async bind(liveId: string, nodeIds: string[]): Promise<string[]> {
    if (nodeIds.length === 0) return [];
    const sorted = [...nodeIds].sort();
    return this.db.transaction(async (tx) => {
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
        .select({ id: node.id })
        .from(node)
        .where(
          and(
            inArray(node.id, sorted),
            sql`(select count(*) from "live_node" where "live_node"."node_id" = "node"."id") < "node"."capacity"`,
          ),
        );
      const bindable = room.map((r) => r.id);
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

  async unbind(liveId: string, nodeIds?: string[], db: DbOrTx = this.db): Promise<void> {
    const condition = nodeIds
      ? and(eq(liveNode.liveId, liveId), inArray(liveNode.nodeId, nodeIds))
      : eq(liveNode.liveId, liveId);
    if (nodeIds?.length === 0) return;
    await db.delete(liveNode).where(condition);
  }
}
