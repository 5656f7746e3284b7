/** All SQL for node groups. */
import { Injectable } from '@nestjs/common';
import { asc, count, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { deleteUnlessReferenced } from '../db/delete-guard';
import { node, nodeGroup } from '../db/schema';
import type { NodeGroupRow } from './node.mapper';

@Injectable()
export class NodeGroupRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.database.db;
  }

  list(where?: SQL): Promise<Array<NodeGroupRow & { nodeCount: number }>> {
    return this.db
      .select({
        ...getTableColumns(nodeGroup),
        // Spelled out: Drizzle leaves select-list columns unqualified in single-table queries.
        nodeCount: sql<number>`(select count(*)::int from "node" where "node"."group_id" = "node_group"."id")`,
      })
      .from(nodeGroup)
      .where(where)
      .orderBy(asc(nodeGroup.name));
  }

  async find(id: string): Promise<(NodeGroupRow & { nodeCount: number }) | undefined> {
    const [row] = await this.list(eq(nodeGroup.id, id));
    return row;
  }

  async insert(values: typeof nodeGroup.$inferInsert): Promise<NodeGroupRow> {
    const [row] = await this.db.insert(nodeGroup).values(values).returning();
    return row!;
  }

  async update(
    id: string,
    values: Partial<typeof nodeGroup.$inferInsert>,
  ): Promise<NodeGroupRow | undefined> {
    const [row] = await this.db
      .update(nodeGroup)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(nodeGroup.id, id))
      .returning();
    return row;
  }

  /** Deletes the group; the foreign key refuses while it has nodes, and then we say how many. */
  deleteIfEmpty(id: string): Promise<{ deleted: NodeGroupRow | undefined } | { inUse: number }> {
    return deleteUnlessReferenced(
      async () => (await this.db.delete(nodeGroup).where(eq(nodeGroup.id, id)).returning())[0],
      async () => (await this.db.select({ n: count() }).from(node).where(eq(node.groupId, id)))[0]?.n ?? 0,
    );
  }
}
