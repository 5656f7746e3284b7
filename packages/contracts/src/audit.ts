/** Audit events: the timeline of a live or a node. */
import { z } from 'zod';
import { Id, IdParams, IsoDate } from './common';
import { defineRoute } from './route';

export const AuditEventDto = z.object({
  id: Id,
  at: IsoDate,
  kind: z.string(),
  liveId: Id.nullable(),
  nodeId: Id.nullable(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventDto = z.infer<typeof AuditEventDto>;

export const auditRoutes = {
  ofLive: defineRoute({
    method: 'GET',
    path: '/api/lives/:id/events',
    tag: 'Lives',
    summary: "A live's timeline: registration, nodes added, failed, replaced or released, newest first",
    params: IdParams,
    response: z.array(AuditEventDto),
  }),
  ofNode: defineRoute({
    method: 'GET',
    path: '/api/nodes/:id/events',
    tag: 'Nodes',
    summary: "A node's timeline: failures, cordons, drains, lives it took or lost, newest first",
    params: IdParams,
    response: z.array(AuditEventDto),
  }),
};
