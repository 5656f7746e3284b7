import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { FinishOutbox } from '../finish/finish-outbox';
import type { PeriodicTask } from './periodic-task';

/** `finish_event_relay`: publishes due finish events from the outbox to SQS. */
@Injectable()
export class FinishRelayTask implements PeriodicTask {
  readonly name = 'finish_event_relay';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly outbox: FinishOutbox,
  ) {
    this.intervalMs = config.values.FINISH_RELAY_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.outbox.relay()) };
  }
}
