/**
 * Node domain tables: node_group, node (a recnode instance), live_node (which nodes record which
 * live). A node's load is the count of its live_node rows; there is no stored counter to drift
 * (the original's `lives_cnt`, updated apart from the bindings, did).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './columns';
import { live } from './live';

export const nodeGroup = pgTable('node_group', {
  id: id(),
  name: text().notNull().unique('node_group_name_key'),
  description: text(),
  createdAt: createdAt(),
  updatedAt: tstz(),
});

export const node = pgTable(
  'node',
  {
    id: id(),
    name: text().notNull().unique('node_name_key'),
    description: text(),
    endpoint: text().notNull(),
    /** Lower is preferred. */
    priority: integer().notNull().default(1),
    capacity: integer().notNull(),
    isCordoned: boolean().notNull().default(false),
    isDomestic: boolean().notNull().default(false),
    groupId: uuid()
      .notNull()
      .references(() => nodeGroup.id, { onDelete: 'restrict' }),
    failureCnt: integer().notNull().default(0),
    lastAssignedAt: tstz(),
    createdAt: createdAt(),
    updatedAt: tstz(),
  },
  (t) => [
    index('node_group_id_idx').on(t.groupId),
    index('node_selectable_idx')
      .on(t.priority, t.lastAssignedAt.asc().nullsFirst())
      .where(sql`not ${t.isCordoned}`),
    check('node_priority_check', sql`${t.priority} >= 1`),
    check('node_capacity_check', sql`${t.capacity} >= 0`),
    check('node_failure_cnt_check', sql`${t.failureCnt} >= 0`),
  ],
);

export const liveNode = pgTable(
  'live_node',
  {
    liveId: uuid()
      .notNull()
      .references(() => live.id, { onDelete: 'cascade' }),
    nodeId: uuid()
      .notNull()
      .references(() => node.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'live_node_pkey', columns: [t.liveId, t.nodeId] }),
    // Load per node and "lives on this node".
    index('live_node_node_id_idx').on(t.nodeId),
  ],
);
