import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LiveRecovery } from '../live/live-recovery';
import type { PeriodicTask } from './periodic-task';

/** `live_recovery`: finds failed node bindings and replaces them. */
@Injectable()
export class LiveRecoveryTask implements PeriodicTask {
  readonly name = 'live_recovery';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly recovery: LiveRecovery,
  ) {
    this.intervalMs = config.values.LIVE_RECOVERY_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.recovery.check()) };
  }
}
