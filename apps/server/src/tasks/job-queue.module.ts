import { Global, Module } from '@nestjs/common';
import { JobProducer } from './job-producer';

/** The on-demand job producer, available to every domain module that queues work. */
@Global()
@Module({ providers: [JobProducer], exports: [JobProducer] })
export class JobQueueModule {}
