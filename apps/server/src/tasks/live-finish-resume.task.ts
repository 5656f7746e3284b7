import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LiveFinisher } from '../live/live-finisher';
import type { PeriodicTask } from './periodic-task';

/** `live_finish_resume`: queues again the finishing of lives whose job a crash lost. */
@Injectable()
export class LiveFinishResumeTask implements PeriodicTask {
  readonly name = 'live_finish_resume';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly finisher: LiveFinisher,
  ) {
    this.intervalMs = config.values.LIVE_CLEANUP_INTERVAL_MS;
  }

  async run() {
    return { resumed: await this.finisher.resume() };
  }
}
