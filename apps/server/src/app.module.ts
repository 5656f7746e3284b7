import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type Redis from 'ioredis';
import { AuditModule } from './audit/audit.module';
import { ChannelModule } from './channel/channel.module';
import { AppConfig } from './config/app-config';
import { CriterionModule } from './criterion/criterion.module';
import type { Database } from './db/database';
import { DbModule } from './db/db.module';
import { FinishModule } from './finish/finish.module';
import { HealthController } from './health/health.controller';
import { DocsController } from './http/docs.controller';
import { ProblemFilter } from './http/problem.filter';
import { SpaController } from './http/spa.controller';
import { LiveModule } from './live/live.module';
import { NodeModule } from './node/node.module';
import { RecordingModule } from './recording/recording.module';
import { ServerRedis } from './redis/server-redis';
import { Clock, SystemClock } from './shared/clock';
import { JobQueueModule } from './tasks/job-queue.module';
import { TasksModule } from './tasks/tasks.module';
import { UpstreamModule } from './upstream/upstream.module';

export interface AppResources {
  config: AppConfig;
  database: Database;
  redis: Redis;
  clock?: Clock;
}

@Global()
@Module({})
class CoreModule {
  static with(resources: AppResources): DynamicModule {
    const redis: ServerRedis = {
      client: resources.redis,
      prefix: resources.config.values.SERVER_REDIS_PREFIX,
      url: resources.config.values.SERVER_REDIS_URL,
    };
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: resources.config },
        { provide: ServerRedis, useValue: redis },
        { provide: Clock, useValue: resources.clock ?? new SystemClock() },
      ],
      exports: [AppConfig, ServerRedis, Clock],
    };
  }
}

@Module({ controllers: [HealthController, DocsController] })
class HttpModule {}

/** The catch-all dashboard route; its module must be imported last so every API route wins. */
@Module({ controllers: [SpaController] })
class SpaModule {}

/** Wiring only. Routes are registered in import order, so SpaModule stays last. */
@Module({})
export class AppModule {
  static with(resources: AppResources): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.with(resources),
        DbModule.forDatabase(resources.database),
        UpstreamModule,
        JobQueueModule,
        AuditModule,
        HttpModule,
        ChannelModule,
        NodeModule,
        LiveModule,
        CriterionModule,
        FinishModule,
        RecordingModule,
        TasksModule,
        SpaModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
