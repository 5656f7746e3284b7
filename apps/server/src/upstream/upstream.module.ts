import { Global, Module } from '@nestjs/common';
import { StreamqClient } from './streamq/streamq.client';
import { UpstreamStats } from './upstream-stats';

/** Clients of the services recflow drives; each is behind its own class with contained failures. */
@Global()
@Module({
  providers: [UpstreamStats, StreamqClient],
  exports: [UpstreamStats, StreamqClient],
})
export class UpstreamModule {}
