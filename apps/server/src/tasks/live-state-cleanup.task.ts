import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LiveStateCleaner } from '../live/live-state-cleaner';
import type { PeriodicTask } from './periodic-task';

/** `live_state_cleanup`: reports and deletes the recnode Redis state of lives that ended a while ago. */
@Injectable()
export class LiveStateCleanupTask implements PeriodicTask {
  readonly name = 'live_state_cleanup';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly cleaner: LiveStateCleaner,
  ) {
    this.intervalMs = config.values.LIVE_STATE_CLEANUP_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.cleaner.clean()) };
  }
}
