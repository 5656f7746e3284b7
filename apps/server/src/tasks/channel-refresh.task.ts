import { Injectable } from '@nestjs/common';
import { ChannelRefresher } from '../channel/channel-refresher';
import { AppConfig } from '../config/app-config';
import type { PeriodicTask } from './periodic-task';

/** `channel_refresh`: one batch of profile refreshes per tick. */
@Injectable()
export class ChannelRefreshTask implements PeriodicTask {
  readonly name = 'channel_refresh';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly refresher: ChannelRefresher,
  ) {
    this.intervalMs = config.values.CHANNEL_REFRESH_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.refresher.refreshBatch()) };
  }
}
