import { z } from 'zod';
import { defineRoute } from './route';

export const ReadinessCheck = z.object({ ok: z.boolean(), detail: z.string().optional() });
export const Readiness = z.object({
  ready: z.boolean(),
  checks: z.object({ database: ReadinessCheck, redis: ReadinessCheck, migrations: ReadinessCheck }),
});
export type Readiness = z.infer<typeof Readiness>;

export const healthRoutes = {
  live: defineRoute({
    method: 'GET',
    path: '/healthz',
    tag: 'Health',
    summary: 'The process is alive',
    response: z.object({ status: z.literal('ok') }),
  }),
  ready: defineRoute({
    method: 'GET',
    path: '/readyz',
    tag: 'Health',
    summary: 'PostgreSQL and Redis are reachable and migrations are applied (503 otherwise)',
    response: Readiness,
    errors: [503],
  }),
};
