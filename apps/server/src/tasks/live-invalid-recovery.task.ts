import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LiveInvalidRecovery } from '../live/live-invalid-recovery';
import type { PeriodicTask } from './periodic-task';

/** `live_invalid_recovery`: restarts lives recnode found invalid as new records. */
@Injectable()
export class LiveInvalidRecoveryTask implements PeriodicTask {
  readonly name = 'live_invalid_recovery';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly recovery: LiveInvalidRecovery,
  ) {
    this.intervalMs = config.values.LIVE_INVALID_RECOVERY_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.recovery.recover()) };
  }
}
