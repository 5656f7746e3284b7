import { Injectable } from '@nestjs/common';
import { FollowedChannels } from '../channel/followed-channels';
import { AppConfig } from '../config/app-config';
import { LiveCleaner } from '../live/live-cleaner';
import { LiveDetector } from '../live/live-detector';
import { LiveRefresher } from '../live/live-refresher';
import { StreamWatch } from '../live/stream-watch';
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

/** `live_stream_detection`: resolves streams of channels worth recording before they are needed. */
@Injectable()
export class LiveStreamDetectionTask implements PeriodicTask {
  readonly name = 'live_stream_detection';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly watch: StreamWatch,
  ) {
    this.intervalMs = config.values.STREAM_DETECTION_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.watch.prefetch()) };
  }
}

/** `live_stream_audit`: drops streams of ended broadcasts and dead playlists that no live uses. */
@Injectable()
export class LiveStreamAuditTask implements PeriodicTask {
  readonly name = 'live_stream_audit';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly watch: StreamWatch,
  ) {
    this.intervalMs = config.values.STREAM_AUDIT_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.watch.audit()) };
  }
}

/** `live_cleanup`: finishes lives whose broadcast is over. */
@Injectable()
export class LiveCleanupTask implements PeriodicTask {
  readonly name = 'live_cleanup';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly cleaner: LiveCleaner,
  ) {
    this.intervalMs = config.values.LIVE_CLEANUP_INTERVAL_MS;
  }

  async run() {
    return { ...(await this.cleaner.clean()) };
  }
}
