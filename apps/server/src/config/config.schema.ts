/**
 * Every setting recflow reads, in one Zod schema. Nothing else in the server reads process.env.
 * Names follow the original's environment variables where they still make sense, so that an
 * existing deployment's settings carry over.
 */
import { z } from 'zod';

const str = () => z.string().trim();
const int = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
const bool = () =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1');
const url = (protocols: RegExp, example: string) =>
  z
    .url({ protocol: protocols, error: `must be a URL like ${example}` })
    .transform((u) => u.replace(/\/+$/, ''));

/** Where `pnpm demo` runs the simulator: the defaults of every outside service point there. */
export const SIMULATOR_URL = 'http://127.0.0.1:7900';
export const DEFAULT_STREAMQ_URL = SIMULATOR_URL;

export const ConfigSchema = z.object({
  APP_HOST: str().default('0.0.0.0'),
  APP_PORT: int(0, 65535).default(8080),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** `json` writes one JSON object per line, for log collectors. */
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),

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

  /** stlink: one endpoint with `&proxy=` (STLINK_USE_PROXY) or one endpoint per region. */
  STLINK_ENDPOINT: url(/^https?$/, 'http://stlink:8080').default(SIMULATOR_URL),
  STLINK_ENDPOINT_DOMESTIC: url(/^https?$/, 'http://stlink-kr:8080').optional(),
  STLINK_ENDPOINT_OVERSEAS: url(/^https?$/, 'http://stlink-jp:8080').optional(),
  STLINK_USE_PROXY: bool().default(false),
  STLINK_HTTP_TIMEOUT_MS: int(100, 120_000).default(30_000),
  /** Resolve followed channels' streams with credentials. */
  STLINK_ENFORCE_AUTH_FOR_FOLLOWED: bool().default(true),

  /** untf notifications; without an endpoint they are only logged. */
  UNTF_ENDPOINT: url(/^https?$/, 'http://untf:8080').optional(),
  UNTF_API_KEY: str().optional(),
  UNTF_TOPIC: str().default('recflow'),

  /** recnode: the Bearer token of every node, and the shared recnode Redis (master for writes, replica for reads). */
  RECNODE_API_TOKEN: str().default('sim-recnode-token'),
  RECNODE_REDIS_MASTER_HOST: str().default('127.0.0.1'),
  RECNODE_REDIS_MASTER_PORT: int(1, 65535).default(6379),
  RECNODE_REDIS_REPLICA_HOST: str().optional(),
  RECNODE_REDIS_REPLICA_PORT: int(1, 65535).optional(),
  RECNODE_REDIS_PASSWORD: str().optional(),
  RECNODE_REDIS_DB: int(0, 15).default(0),
  /** A CA certificate file; when set, the recnode Redis is reached over TLS. */
  RECNODE_REDIS_CA_PATH: str().optional(),

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

  /** Failure counts of every node go back to zero this often, so that old failures stop counting. */
  NODE_RESET_CYCLE_SEC: int(60, 604_800).default(43_200),
  /** A node whose failure count reaches this is cordoned automatically. */
  NODE_FAILURE_THRESHOLD: int(1, 10_000).default(50),

  /** The storage target recnode writes recordings to; stamped on every live and sent to vodify. */
  FS_NAME: str().default('local'),
  /** Time zone of video names (`yymmdd_HHMMSS`, parsed by vodify); explicit, never the server's local one. */
  VIDEO_NAME_TIME_ZONE: str()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Seoul')
    .default('Asia/Seoul'),
  /** TTL of a LiveState in the recnode Redis. */
  LIVE_STATE_EXPIRE_SEC: int(60, 2_592_000).default(604_800),
  RECNODE_DEFAULT_LOCATION: z.enum(['local', 'proxy_domestic', 'proxy_overseas']).default('local'),
  RECNODE_FOLLOWED_LOCATION: z.enum(['local', 'proxy_domestic', 'proxy_overseas']).default('local'),
  /** Nodes (in distinct groups) that record each live, unless its grade says otherwise. */
  NODES_PER_LIVE: int(1, 10).default(2),
  /** The most nodes a live may have, whatever its grade or request says. */
  MAX_CONCURRENT_LIVE: int(1, 10).default(3),
  /** The balancer leaves a new live alone this long after creation. */
  LIVE_ALLOCATION_INIT_WAIT_SEC: int(0, 3_600).default(15),
  LIVE_ALLOCATION_INTERVAL_MS: int(100, 600_000).default(1_000),
  /** A live still initializing after this long was interrupted (e.g. a crash) and is cleaned up. */
  LIVE_REGISTRATION_TIMEOUT_SEC: int(1, 3_600).default(120),

  /** Recovery: how often every node is asked what it records, and how long each may take to answer. */
  LIVE_RECOVERY_INTERVAL_MS: int(100, 600_000).default(1_000),
  RECNODE_HEALTH_TIMEOUT_MS: int(100, 60_000).default(5_000),
  /** The pass at which a node that answered its list with a 500 every pass so far has its lives failed over. */
  RECNODE_LIST_ERROR_PASSES: int(1, 100).default(5),
  /** A node is not judged on a live it was bound to less than this long ago (a slow start is not a failure). */
  LIVE_RECOVERY_INIT_WAIT_SEC: int(0, 3_600).default(120),
  /**
   * How long the platforms' CDN keeps serving a segment after it leaves the playlist. Claim repair
   * hands back only segments younger than this: a retry that reaches further back downloads nothing.
   */
  ORIGIN_SEGMENT_WINDOW_SEC: int(10, 86_400).default(300),
  /** How often recording lives are checked for a recnode `isInvalid` flag, to restart them as new records. */
  LIVE_INVALID_RECOVERY_INTERVAL_MS: int(100, 600_000).default(1_000),

  /** How long a drain waits for a replacement node to record before leaving a live where it is. */
  DRAIN_WAIT_SEC: int(1, 3_600).default(60),

  /** Detection: how often followed channels and active criteria are polled. */
  LIVE_DETECT_FOLLOWED_INTERVAL_MS: int(500, 600_000).default(5_000),
  LIVE_DETECT_CRITERIA_INTERVAL_MS: int(500, 600_000).default(5_000),
  /**
   * streamq calls in flight while followed channels are checked (one call per channel per cycle):
   * a cycle lasts about followed ÷ this × streamq's answer time, and should stay under the interval.
   */
  LIVE_DETECT_FOLLOWED_CONCURRENCY: int(1, 256).default(16),
  /** How long a criteria preview may wait for all of its searches. */
  CRITERIA_PREVIEW_TIMEOUT_MS: int(100, 60_000).default(5_000),
  /** How often a batch of recorded lives gets its title and viewer count refreshed. */
  LIVE_REFRESH_INTERVAL_MS: int(100, 600_000).default(2_000),
  /** Streams resolved ahead of registration, and the audit that drops stale ones. */
  STREAM_DETECTION_INTERVAL_MS: int(100, 600_000).default(1_000),
  STREAM_AUDIT_INTERVAL_MS: int(100, 3_600_000).default(10_000),
  /** How long a channel whose live stlink cannot open (standby, adult) is left before the next try. */
  STREAM_BACKOFF_SEC: int(0, 86_400).default(3_600),

  /** The SQS queue vodify consumes finish events from; without it events wait in the outbox. */
  SQS_QUEUE_URL: url(/^https?$/, 'https://sqs.ap-northeast-2.amazonaws.com/123456789012/vodify').optional(),
  SQS_REGION_NAME: str().default('ap-northeast-2'),
  SQS_ACCESS_KEY: str().optional(),
  SQS_SECRET_KEY: str().optional(),
  /** Another SQS-compatible endpoint (an emulator in tests). */
  SQS_ENDPOINT: url(/^https?$/, 'http://127.0.0.1:4566').optional(),
  /**
   * How long finishing waits for every node to upload and drop the live before it goes on without
   * it. Longer than recnode's own upload budget after a stop: the tars in flight, then the last
   * one, each retried 9 times with back-off from 0.5 s (about two minutes of waiting apiece).
   */
  LIVE_FINISH_TIMEOUT_SEC: int(1, 3_600).default(420),
  /** How often lives are checked for a broadcast that ended. */
  LIVE_CLEANUP_INTERVAL_MS: int(500, 600_000).default(5_000),
  /** How often the outbox relay publishes due finish events. */
  FINISH_RELAY_INTERVAL_MS: int(100, 600_000).default(1_000),

  /** Recording-state clean-up: how often it runs, how long after a live ended it waits, how many lives a run takes. */
  LIVE_STATE_CLEANUP_INTERVAL_MS: int(100, 3_600_000).default(10_000),
  LIVE_STATE_CLEANUP_GRACE_SEC: int(0, 2_592_000).default(600),
  LIVE_STATE_CLEANUP_BATCH_SIZE: int(1, 1_000).default(20),
  /** Segment numbers a clean-up run reads and deletes the keys of at most (a live with more is taken alone). */
  LIVE_STATE_CLEANUP_MAX_SEGMENTS: int(100, 10_000_000).default(50_000),
  /** Segment numbers whose keys are deleted per Redis command. */
  RECNODE_CLEAR_BATCH_SIZE: int(1, 10_000).default(50),

  /** The S3 bucket recnode uploads to, listed read-only for the Recordings page; unset hides the listing. */
  S3_BUCKET: str().min(3).max(63).optional(),
  S3_REGION_NAME: str().default('ap-northeast-2'),
  S3_ACCESS_KEY: str().optional(),
  S3_SECRET_KEY: str().optional(),
  /** Another S3-compatible endpoint (path-style addressing is used with it). */
  S3_ENDPOINT: url(/^https?$/, 'http://127.0.0.1:9000').optional(),

  /** Directory of the built dashboard; empty disables serving it. */
  WEB_DIST_DIR: str().optional(),
  /** Serves Bull Board and the API docs; turn off where the ingress does not protect them. */
  EXPOSE_ADMIN_UI: bool().default(true),
});

export type ConfigValues = z.infer<typeof ConfigSchema>;

const CROSS_FIELD_RULES: Array<{ check: (c: ConfigValues) => boolean; variable: string; message: string }> = [
  {
    check: (c) => c.NODES_PER_LIVE <= c.MAX_CONCURRENT_LIVE,
    variable: 'NODES_PER_LIVE',
    message: 'must not exceed MAX_CONCURRENT_LIVE',
  },
  {
    check: (c) => !c.SQS_ACCESS_KEY === !c.SQS_SECRET_KEY,
    variable: 'SQS_SECRET_KEY',
    message: 'must be set together with SQS_ACCESS_KEY (or neither, to use the default AWS credentials)',
  },
  {
    check: (c) => !c.S3_ACCESS_KEY === !c.S3_SECRET_KEY,
    variable: 'S3_SECRET_KEY',
    message: 'must be set together with S3_ACCESS_KEY (or neither, to use the default AWS credentials)',
  },
  {
    check: (c) => !c.UNTF_ENDPOINT || !!c.UNTF_API_KEY,
    variable: 'UNTF_API_KEY',
    message: 'must be set when UNTF_ENDPOINT is set',
  },
];

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
  if (result.success) {
    const broken = CROSS_FIELD_RULES.filter((rule) => !rule.check(result.data));
    if (broken.length === 0) return result.data;
    throw new ConfigError(
      broken.map(
        (rule) =>
          `${rule.variable}: ${rule.message} (${env[rule.variable] === undefined ? 'not set' : 'set'})`,
      ),
    );
  }
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    const value = env[name];
    const shown = value === undefined ? 'not set' : `got "${value}"`;
    return `${name}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(problems);
}
