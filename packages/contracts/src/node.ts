/** The node domain: node groups and recnode nodes, as the API shows and accepts them. */
import { z } from 'zod';
import { Description, Id, IdParams, IsoDate, Name } from './common';
import { RecnodeRecording } from './recnode';
import { defineRoute } from './route';

export const NodeGroupDto = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate.nullable(),
  /** Number of nodes in the group. */
  nodeCount: z.number().int(),
});
export type NodeGroupDto = z.infer<typeof NodeGroupDto>;

export const CreateNodeGroupBody = z.object({ name: Name, description: Description.optional() }).strict();
export const UpdateNodeGroupBody = z.object({ name: Name, description: Description }).partial().strict();

export const NodeDto = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  endpoint: z.string(),
  /** Lower is preferred. */
  priority: z.number().int(),
  capacity: z.number().int(),
  isCordoned: z.boolean(),
  isDomestic: z.boolean(),
  groupId: Id,
  /** Lives bound to the node now, counted from the bindings (never a stored counter). */
  livesCnt: z.number().int(),
  failureCnt: z.number().int(),
  lastAssignedAt: IsoDate.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate.nullable(),
  group: NodeGroupDto.omit({ nodeCount: true }),
});
export type NodeDto = z.infer<typeof NodeDto>;

const Endpoint = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL like http://recnode-1:9083' })
  .transform((u) => u.replace(/\/+$/, ''));
const Priority = z.number().int('must be an integer').min(1, 'must be 1 or more (1 is preferred)');
const Capacity = z.number().int('must be an integer').min(0, 'must be 0 or more');

export const CreateNodeBody = z
  .object({
    name: Name,
    endpoint: Endpoint,
    groupId: Id,
    priority: Priority.default(1),
    capacity: Capacity,
    isCordoned: z.boolean().default(false),
    isDomestic: z.boolean().default(false),
    description: Description.optional(),
  })
  .strict();
export type CreateNodeBody = z.infer<typeof CreateNodeBody>;

export const UpdateNodeBody = z
  .object({
    name: Name,
    endpoint: Endpoint,
    groupId: Id,
    priority: Priority,
    capacity: Capacity,
    isCordoned: z.boolean(),
    isDomestic: z.boolean(),
    description: Description,
    /** Operators may reset it; it is otherwise kept by failover. */
    failureCnt: z.number().int().min(0),
  })
  .partial()
  .strict();
export type UpdateNodeBody = z.infer<typeof UpdateNodeBody>;

export const NodeQuery = z.object({ groupId: Id.optional() }).strict();

export const NodeRecordings = z.object({
  node: z.string(),
  reachable: z.boolean(),
  /** Why the node could not be asked, when it could not. */
  error: z.string().nullable(),
  recordings: z.array(RecnodeRecording),
});
export type NodeRecordings = z.infer<typeof NodeRecordings>;

export const NodeNameParams = z.object({ nodeName: Name });

export const nodeGroupRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/node-groups',
    tag: 'Node groups',
    summary: 'List node groups with their node counts',
    response: z.array(NodeGroupDto),
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/node-groups',
    tag: 'Node groups',
    summary: 'Create a node group',
    body: CreateNodeGroupBody,
    response: NodeGroupDto,
    status: 201,
    errors: [409],
  }),
  update: defineRoute({
    method: 'PUT',
    path: '/api/node-groups/:id',
    tag: 'Node groups',
    summary: 'Rename or describe a node group',
    params: IdParams,
    body: UpdateNodeGroupBody,
    response: NodeGroupDto,
    errors: [404, 409],
  }),
  remove: defineRoute({
    method: 'DELETE',
    path: '/api/node-groups/:id',
    tag: 'Node groups',
    summary: 'Delete an empty node group',
    description: 'Refused with 409 (naming how many nodes it has) while the group has nodes.',
    params: IdParams,
    response: NodeGroupDto,
    errors: [404, 409],
  }),
};

export const nodeRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/nodes',
    tag: 'Nodes',
    summary: 'List nodes with their group and current load',
    query: NodeQuery,
    response: z.array(NodeDto),
  }),
  status: defineRoute({
    method: 'GET',
    path: '/api/nodes/status/:nodeName',
    tag: 'Nodes',
    summary: "A node's recordings with their stats, asked from the node",
    description:
      'Asks the node with its own timeout; an unreachable node answers `reachable: false` with the reason.',
    params: NodeNameParams,
    response: NodeRecordings,
    errors: [404],
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/nodes/:id',
    tag: 'Nodes',
    summary: 'Get one node',
    params: IdParams,
    response: NodeDto,
    errors: [404],
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/nodes',
    tag: 'Nodes',
    summary: 'Register a recnode node',
    body: CreateNodeBody,
    response: NodeDto,
    status: 201,
    errors: [404, 409],
  }),
  update: defineRoute({
    method: 'PUT',
    path: '/api/nodes/:id',
    tag: 'Nodes',
    summary: 'Update a node (cordon, capacity, group, …)',
    params: IdParams,
    body: UpdateNodeBody,
    response: NodeDto,
    errors: [404, 409],
  }),
  remove: defineRoute({
    method: 'DELETE',
    path: '/api/nodes/:id',
    tag: 'Nodes',
    summary: 'Delete a node with no bound lives',
    description: 'Refused with 409 (naming how many lives are bound) while lives are bound to it.',
    params: IdParams,
    response: NodeDto,
    errors: [404, 409],
  }),
};
