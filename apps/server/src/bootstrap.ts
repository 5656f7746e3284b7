/**
 * Opens the resources recflow needs (database, Redis), applies migrations, and builds the HTTP
 * application. Used by main.ts, the demo and the integration tests alike.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type Redis from 'ioredis';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { type Database, openEmbedded, openPostgres } from './db/database';
import { applyMigrations } from './db/migrator';
import { installBodyParsing } from './http/body-parsing';
import { DOCS_ASSETS_PATH } from './http/docs.controller';
import { webDistDir } from './http/web-dist';
import { openServerRedis } from './redis/server-redis';
import type { Clock } from './shared/clock';
import { RecflowLogger } from './shared/logger';
import { ADMIN_QUEUES_PATH, AdminBoard } from './tasks/admin-board';

export class StartupError extends Error {
  override name = 'StartupError';
}

export async function openDatabase(config: AppConfig): Promise<Database> {
  const { DATABASE_URL, DATABASE_POOL_SIZE, RECFLOW_DATA_DIR } = config.values;
  if (!DATABASE_URL) {
    try {
      return await openEmbedded(RECFLOW_DATA_DIR);
    } catch (error) {
      throw new StartupError(
        `Cannot open the embedded database in ${RECFLOW_DATA_DIR} (${(error as Error).message}). ` +
          'Check that the directory is writable and not used by another recflow process, or set DATABASE_URL to use PostgreSQL.',
      );
    }
  }
  const database = openPostgres(DATABASE_URL, DATABASE_POOL_SIZE);
  try {
    await database.db.execute('select 1');
    return database;
  } catch (error) {
    await database.close().catch(() => undefined);
    throw new StartupError(
      `Cannot reach PostgreSQL at ${database.location} (${(error as Error).message}). ` +
        'Start it (for example `pg_ctlcluster 15 main start`, or `docker compose up -d postgres`), check DATABASE_URL, ' +
        'or unset DATABASE_URL to run on the embedded database.',
    );
  }
}

export async function openRedis(config: AppConfig): Promise<Redis> {
  const { SERVER_REDIS_URL, SERVER_REDIS_PREFIX } = config.values;
  const redis = openServerRedis(SERVER_REDIS_URL, SERVER_REDIS_PREFIX);
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 5 s')), 5_000).unref()),
    ]);
    return redis;
  } catch (error) {
    redis.disconnect();
    throw new StartupError(
      `Cannot reach Redis at ${SERVER_REDIS_URL} (${(error as Error).message}). ` +
        'Start it (for example `redis-server --daemonize yes`, or `docker compose up -d redis`) or set SERVER_REDIS_URL.',
    );
  }
}

export interface Opened {
  app: NestExpressApplication;
  database: Database;
  redis: Redis;
  /** Closes the application, then the pools it used. */
  close(): Promise<void>;
}

export async function createApp(
  config: AppConfig,
  options: { clock?: Clock; logger?: LoggerService | LogLevel[] | false } = {},
): Promise<Opened> {
  const database = await openDatabase(config);
  let redis: Redis | undefined;
  try {
    await applyMigrations(database);
    redis = await openRedis(config);
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.with({ config, database, redis, clock: options.clock }),
      {
        bodyParser: false,
        logger: options.logger ?? new RecflowLogger(config.values.LOG_LEVEL, config.values.LOG_FORMAT),
        abortOnError: false,
      },
    );
    const server = app.getHttpAdapter().getInstance() as express.Express;
    server.disable('x-powered-by');
    server.set('query parser', 'simple');
    installBodyParsing(server);
    serveStaticAssets(server, config);
    if (config.values.EXPOSE_ADMIN_UI) server.use(ADMIN_QUEUES_PATH, app.get(AdminBoard).adapter.getRouter());
    await app.init();
    const opened = redis;
    return {
      app,
      database,
      redis,
      async close() {
        await app.close();
        opened.disconnect();
        await database.close();
      },
    };
  } catch (error) {
    redis?.disconnect();
    await database.close().catch(() => undefined);
    throw error;
  }
}

function serveStaticAssets(server: express.Express, config: AppConfig): void {
  const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  server.use(DOCS_ASSETS_PATH, express.static(swaggerDir, { index: false, maxAge: '1d' }));
  const web = webDistDir(config);
  if (web && existsSync(join(web, 'index.html'))) {
    server.use(express.static(web, { index: false, maxAge: '1h' }));
  }
}
