import { Global, Module } from '@nestjs/common';
import { RecnodeClient } from './recnode/recnode.client';
import { RecnodeRedis } from './recnode/recnode-redis';
import { SqsPublisher } from './sqs/sqs-publisher';
import { M3u8Checker } from './stlink/m3u8-checker';
import { StlinkClient } from './stlink/stlink.client';
import { StreamqClient } from './streamq/streamq.client';
import { Notifier } from './untf/notifier';
import { UpstreamStats } from './upstream-stats';

const CLIENTS = [
  UpstreamStats,
  StreamqClient,
  StlinkClient,
  M3u8Checker,
  RecnodeClient,
  RecnodeRedis,
  Notifier,
  SqsPublisher,
];

/** Clients of the services recflow drives; each is behind its own class with contained failures. */
@Global()
@Module({
  providers: CLIENTS,
  exports: CLIENTS,
})
export class UpstreamModule {}
