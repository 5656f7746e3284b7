/** The scheduled tasks and their run history, as the API shows them. */
import { z } from 'zod';
import { IsoDate } from './common';
import { defineRoute } from './route';

export const TaskRunDto = z.object({
  task: z.string(),
  replica: z.string(),
  startedAt: IsoDate,
  finishedAt: IsoDate,
  durationMs: z.number(),
  /** How late the run started compared with its schedule. */
  lagMs: z.number(),
  ok: z.boolean(),
  error: z.string().optional(),
  summary: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});
export type TaskRunDto = z.infer<typeof TaskRunDto>;

export const TaskDto = z.object({
  name: z.string(),
  intervalMs: z.number(),
  runs: z.number(),
  failures: z.number(),
  lastRun: TaskRunDto.nullable(),
});
export type TaskDto = z.infer<typeof TaskDto>;

export const taskRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/tasks',
    tag: 'Tasks',
    summary: 'The scheduled tasks with their interval, run counts and last run',
    response: z.array(TaskDto),
  }),
  runs: defineRoute({
    method: 'GET',
    path: '/api/tasks/:name/runs',
    tag: 'Tasks',
    summary: 'Recent runs of one task, newest first, across all replicas',
    params: z.object({ name: z.string().regex(/^[a-z_]+$/, 'must be a task name') }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict(),
    response: z.array(TaskRunDto),
    errors: [404],
  }),
};
