import { Module } from '@nestjs/common';
import { FinishController } from './finish.controller';
import { FinishOutbox } from './finish-outbox';

/** Finish events: the outbox and its relay to SQS. */
@Module({ controllers: [FinishController], providers: [FinishOutbox], exports: [FinishOutbox] })
export class FinishModule {}
