/**
 * Every setting recflow reads, in one Zod schema. Nothing else in the server reads process.env.
 * Names follow the original deployment (behaviour.md §11.1) where they still make sense.
 */
import { z } from 'zod';

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const str = () => z.preprocess(emptyAsUndefined, z.string().trim());
const int = (min: number, max: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be an integer')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
const bool = () =>
  z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
      .transform((v) => v === 'true' || v === '1'),
  );
const url = (protocols: RegExp, example: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: protocols, error: `must be a URL like ${example}` })
      .transform((u) => u.replace(/\/+$/, '')),
  );

export const DEFAULT_STREAMQ_URL = 'http://127.0.0.1:7900';

export const ConfigSchema = z.object({
  APP_HOST: str().default('0.0.0.0'),
  APP_PORT: int(0, 65535).default(8080),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  ),

  /** PostgreSQL. Without it recflow runs on the embedded database in RECFLOW_DATA_DIR. */
  DATABASE_URL: url(/^postgres(ql)?$/, 'postgres://user:pass@host:5432/recflow').optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  RECFLOW_DATA_DIR: str().default('./.recflow'),

  /** recflow's own Redis: caches, the followed set, BullMQ queues. */
  SERVER_REDIS_URL: url(/^rediss?$/, 'redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
  /** Prefix of every key recflow writes to its own Redis, so several deployments can share one server. */
  SERVER_REDIS_PREFIX: str()
    .pipe(z.string().regex(/^[A-Za-z0-9_:-]+$/, 'may only contain letters, digits, "_", ":" and "-"'))
    .default('recflow'),

  /** The platform gateway. Defaults to the simulator's address so a bare start talks to the demo fleet. */
  STREAMQ_URL: url(/^https?$/, 'http://streamq:8080').default(DEFAULT_STREAMQ_URL),
  STREAMQ_QSIZE: int(1, 1000).default(200),
  /** Timeout of one call to streamq, recnode, untf or an m3u8 (ms). */
  HTTP_TIMEOUT_MS: int(100, 120_000).default(20_000),

  /** Run the scheduled tasks on this replica (an API-only replica sets false). */
  SCHEDULER_ENABLED: bool().default(true),
  /** How long shutdown waits for running tasks before closing connections. */
  TASK_SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(30_000),
  /** Background channel refresh: one batch of the least recently refreshed channels per tick. */
  CHANNEL_REFRESH_INTERVAL_MS: int(100, 86_400_000).default(2_000),
  CHANNEL_REFRESH_BATCH_SIZE: int(1, 1_000).default(20),
  CHANNEL_REFRESH_CONCURRENCY: int(1, 100).default(5),
  /** Reconciliation of the cached followed-channel set with the database. */
  CHANNEL_CACHE_CHECK_INTERVAL_MS: int(1_000, 86_400_000).default(1_800_000),

  /** Directory of the built dashboard; empty disables serving it. */
  WEB_DIST_DIR: str().optional(),
  /** Serves Bull Board and the API docs; turn off where the ingress does not protect them. */
  EXPOSE_ADMIN_UI: bool().default(true),
});

export type ConfigValues = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; on failure throws one line per problem, each naming the variable. */
export function parseConfig(env: Record<string, string | undefined>): ConfigValues {
  // An empty variable counts as unset, as in most deployment tools.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = ConfigSchema.safeParse(set);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const value = env[name];
    const shown = value === undefined ? 'not set' : `got "${value}"`;
    return `${name}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(problems);
}
