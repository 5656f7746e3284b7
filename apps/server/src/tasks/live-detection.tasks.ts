import { Injectable } from '@nestjs/common';
import { FollowedChannels } from '../channel/followed-channels';
import { AppConfig } from '../config/app-config';
import { LiveDetector } from '../live/live-detector';
import { LiveRefresher } from '../live/live-refresher';
import type { PeriodicTask } from './periodic-task';

/** `live_register_followed`: records followed channels that went live. */
@Injectable()
export class LiveRegisterFollowedTask implements PeriodicTask {
  readonly name = 'live_register_followed';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly followed: FollowedChannels,
    private readonly detector: LiveDetector,
  ) {
    this.intervalMs = config.values.LIVE_DETECT_FOLLOWED_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.detector.detectFollowed(await this.followed.ids())) };
  }
}

/** `live_register_criterion`: records the lives every active criterion finds. */
@Injectable()
export class LiveRegisterCriteriaTask implements PeriodicTask {
  readonly name = 'live_register_criterion';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly detector: LiveDetector,
  ) {
    this.intervalMs = config.values.LIVE_DETECT_CRITERIA_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.detector.detectCriteria()) };
  }
}

/** `live_refresh`: keeps recorded lives' title and viewers current. */
@Injectable()
export class LiveRefreshTask implements PeriodicTask {
  readonly name = 'live_refresh';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly refresher: LiveRefresher,
  ) {
    this.intervalMs = config.values.LIVE_REFRESH_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.refresher.refresh()) };
  }
}
