/**
 * audit_event: what happened to lives and nodes, for the dashboard's timelines and for operators
 * asking "why": registrations, bindings added or removed, node failures, cordons, drains.
 */
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { live } from './live';
import { node } from './node';

export const auditEvent = pgTable(
  'audit_event',
  {
    id: id(),
    at: createdAt(),
    /** e.g. `live.registered`, `live.node_added`, `node.failed`, `node.cordoned`. */
    kind: text().notNull(),
    liveId: uuid().references(() => live.id, { onDelete: 'cascade' }),
    nodeId: uuid().references(() => node.id, { onDelete: 'cascade' }),
    message: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_event_live_idx').on(t.liveId, t.at.desc()),
    index('audit_event_node_idx').on(t.nodeId, t.at.desc()),
  ],
);
