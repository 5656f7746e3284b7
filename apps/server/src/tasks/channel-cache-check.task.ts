import { Injectable } from '@nestjs/common';
import { FollowedChannels } from '../channel/followed-channels';
import { AppConfig } from '../config/app-config';
import type { PeriodicTask } from './periodic-task';

/** `channel_cache_check`: reconciles the cached followed-channel set with the database. */
@Injectable()
export class ChannelCacheCheckTask implements PeriodicTask {
  readonly name = 'channel_cache_check';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly followed: FollowedChannels,
  ) {
    this.intervalMs = config.values.CHANNEL_CACHE_CHECK_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.followed.reconcile()) };
  }
}
