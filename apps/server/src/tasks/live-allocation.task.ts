import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LiveBalancer } from '../live/live-balancer';
import type { PeriodicTask } from './periodic-task';

/** `live_allocation`: keeps every live on its target number of nodes. */
@Injectable()
export class LiveAllocationTask implements PeriodicTask {
  readonly name = 'live_allocation';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly balancer: LiveBalancer,
  ) {
    this.intervalMs = config.values.LIVE_ALLOCATION_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.balancer.balance()) };
  }
}
