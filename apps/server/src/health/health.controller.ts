/** Liveness and readiness probes for Kubernetes. */
import { Controller, Res } from '@nestjs/common';
import { api, type Readiness, type RouteResponse } from '@recflow/contracts';
import { sql } from 'drizzle-orm';
import type { Response } from 'express';
import { DatabaseHandle } from '../db/db.module';
import { appliedMigrationCount, expectedMigrationCount } from '../db/migrator';
import { Route } from '../http/route.decorator';
import { ServerRedis } from '../redis/server-redis';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

async function check(fn: () => Promise<string | undefined>) {
  try {
    const detail = await fn();
    return { ok: true, ...(detail ? { detail } : {}) };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}

@Controller()
export class HealthController {
  private readonly expectedMigrations = expectedMigrationCount();

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly redis: ServerRedis,
  ) {}

  @Route(api.health.live)
  live(): RouteResponse<typeof api.health.live> {
    return { status: 'ok' };
  }

  @Route(api.health.ready)
  async ready(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    const db = this.handle.database.db;
    const [database, redis, migrations] = await Promise.all([
      check(async () => {
        await withTimeout(db.execute(sql`select 1`), 'PostgreSQL');
        return this.handle.database.kind;
      }),
      check(async () => {
        await withTimeout(this.redis.client.ping(), 'Redis');
        return undefined;
      }),
      check(async () => {
        const applied = await withTimeout(appliedMigrationCount(db), 'PostgreSQL');
        if (applied < this.expectedMigrations) {
          throw new Error(`${applied} of ${this.expectedMigrations} migrations applied`);
        }
        return `${applied} applied`;
      }),
    ]);
    const ready = database.ok && redis.ok && migrations.ok;
    res.status(ready ? 200 : 503);
    return { ready, checks: { database, redis, migrations } };
  }
}
