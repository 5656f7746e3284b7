/**
 * Turns "record this live" into recordings:
 * 1. the channel must be live on its platform; unknown channels are added with the default grade;
 * 2. the stream is resolved (stlink, or the one given) and checked as recnode will fetch it: the
 *    playlist with the headers, one segment with the params too;
 * 3. the live row is created — the database refuses a second active live for the channel;
 * 4. the LiveState goes to the recnode Redis (SET NX, TTL, `lives` index);
 * 5. nodes in distinct groups are bound under the capacity rule and asked to record;
 * 6. the live becomes `recording` once at least one node confirmed.
 * Any failure after step 3 is compensated: recorders cancelled, bindings and state removed, the live
 * marked failed with the reason, so nothing is left behind (the original left the LiveState and a
 * drifted node count, and called a live `recording` before any node confirmed).
 */

import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { LiveInfo, PlatformName } from '@recflow/contracts';
import { ERROR_CODES } from '@recflow/contracts';
import { AuditLog } from '../audit/audit-log';
import { ChannelRepository } from '../channel/channel.repository';
import { PlatformRepository } from '../channel/platform.repository';
import { AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../db/pg-errors';
import type { RecordedReason } from '../db/schema';
import { Clock } from '../shared/clock';
import { ConflictError, InvalidStateError, NotFoundError } from '../shared/errors';
import { RecnodeClient } from '../upstream/recnode/recnode.client';
import { RecnodeRedis } from '../upstream/recnode/recnode-redis';
import { M3u8Checker } from '../upstream/stlink/m3u8-checker';
import { type ResolvedStream, StlinkClient } from '../upstream/stlink/stlink.client';
import { StreamqClient } from '../upstream/streamq/streamq.client';
import { LiveRepository, type LiveRow } from './live.repository';
import { LiveAllocator } from './live-allocator';
import { LiveNodeRepository } from './live-node.repository';
import { buildLiveState } from './live-state';
import { LiveStreamRepository } from './live-stream.repository';
import { Notifications } from './notifications';
import { videoName } from './video-name';

export interface RegistrationRequest {
  platform: PlatformName;
  channelUid: string;
  /** A stream to use instead of asking stlink. */
  stream?: ResolvedStream | null;
  nodeCount?: number;
  nodeIds?: string[];
  groupIds?: string[];
  domesticOnly?: boolean;
  overseasFirst?: boolean;
  /** Resolve the stream with credentials (criteria with enforceCreds). */
  enforceCreds?: boolean;
  /** Why it is recorded (default: by hand). */
  reason?: RecordedReason;
}

/** What launching a created live needs besides its row. */
export interface LaunchContext {
  platform: PlatformName;
  channel: { sourceId: string; username: string; isFollowed: boolean };
  grade: { nodesPerLive: number | null; shouldNotify: boolean };
  liveInfo: Pick<LiveInfo, 'viewCnt' | 'liveTitle' | 'type' | 'liveUid'>;
  stream: ResolvedStream;
  nodeCount?: number;
  nodeIds?: string[];
  groupIds?: string[];
}

const VIDEO_NAME_ATTEMPTS = 5;

@Injectable()
export class LiveRegistrar {
  private readonly logger = new Logger('LiveRegistrar');

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly streamq: StreamqClient,
    private readonly stlink: StlinkClient,
    private readonly m3u8: M3u8Checker,
    private readonly recnode: RecnodeClient,
    private readonly recnodeRedis: RecnodeRedis,
    private readonly platforms: PlatformRepository,
    private readonly channels: ChannelRepository,
    private readonly lives: LiveRepository,
    private readonly streams: LiveStreamRepository,
    private readonly bindings: LiveNodeRepository,
    private readonly allocator: LiveAllocator,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
  ) {}

  /** Registers the live and returns its id (failed lives included: their reason is on the row). */
  async register(request: RegistrationRequest): Promise<string> {
    const info = await this.streamq.fetchChannel(request.platform, request.channelUid, true);
    if (!info)
      throw new NotFoundError(
        `${request.platform} has no channel "${request.channelUid}"`,
        ERROR_CODES.channel.notOnPlatform,
      );
    if (!info.openLive || !info.liveInfo) {
      throw new NotFoundError(
        `Channel is not live: ${request.platform} "${request.channelUid}"`,
        ERROR_CODES.live.channelNotLive,
      );
    }
    const liveInfo = info.liveInfo;
    const platform = await this.platforms.byName(request.platform);
    const { channel, grade } = await this.channels.ensure(platform.id, info);
    if (!grade.shouldSave) {
      throw new InvalidStateError(
        `Channel "${channel.username}" has grade "${grade.name}", which is not recorded`,
        ERROR_CODES.live.gradeNotSaved,
      );
    }
    await this.refuseIfActive(channel.id, channel.username);

    const withAuth =
      liveInfo.isAdult ||
      (channel.isFollowed && this.config.values.STLINK_ENFORCE_AUTH_FOR_FOLLOWED) ||
      !!request.enforceCreds;
    const stream = await this.resolveStream(channel.id, liveInfo, request.stream, withAuth);
    const streamRow = await this.streams.upsert(channel.id, liveInfo.liveUid, stream);
    const domesticOnly = request.domesticOnly ?? false;
    const overseasFirst = request.overseasFirst ?? (domesticOnly ? false : channel.overseasFirst);

    const live = await this.createLiveRow(
      {
        channelId: channel.id,
        platformId: platform.id,
        sourceId: liveInfo.liveUid,
        liveTitle: liveInfo.liveTitle,
        liveStreamId: streamRow.id,
        fsName: this.config.values.FS_NAME,
        viewCnt: liveInfo.viewCnt,
        isAdult: liveInfo.isAdult,
        domesticOnly,
        overseasFirst,
        recordedReason: request.reason ?? { by: 'manual' },
      },
      channel.username,
    );

    await this.launch(live, {
      platform: request.platform,
      channel,
      grade,
      liveInfo,
      stream,
      nodeCount: request.nodeCount,
      nodeIds: request.nodeIds,
      groupIds: request.groupIds,
    });
    return live.id;
  }

  /**
   * Steps 4–6 for a live row just created (by registration, or by restarting an invalid live): its
   * LiveState, its nodes, `recording`. Returns whether a node started it; a live no node started is
   * failed.
   */
  async launch(live: LiveRow, context: LaunchContext): Promise<boolean> {
    const { channel, grade, liveInfo, stream } = context;
    const started: Array<{ endpoint: string }> = [];
    try {
      const state = buildLiveState(
        {
          id: live.id,
          platform: context.platform,
          channelSourceId: channel.sourceId,
          channelName: channel.username,
          liveSourceId: live.sourceId,
          liveTitle: live.liveTitle,
          videoName: live.videoName,
          fsName: live.fsName,
          domesticOnly: live.domesticOnly,
          isFollowed: channel.isFollowed,
          stream,
          createdAt: live.createdAt,
        },
        this.config.values,
      );
      await this.recnodeRedis.createLiveState(state, this.config.values.LIVE_STATE_EXPIRE_SEC);
      const count = Math.min(
        context.nodeCount ?? grade.nodesPerLive ?? this.config.values.NODES_PER_LIVE,
        this.config.values.MAX_CONCURRENT_LIVE,
      );
      const result = await this.allocator.allocate({
        liveId: live.id,
        count,
        domesticOnly: live.domesticOnly,
        overseasFirst: live.overseasFirst,
        onlyNodeIds: context.nodeIds,
        onlyGroupIds: context.groupIds,
      });
      started.push(...result.started);
      if (result.started.length === 0) {
        const tried = result.failures.map((f) => `${f.node}: ${f.reason}`).join('; ');
        const reason = [result.shortfall, tried && `nodes that failed: ${tried}`].filter(Boolean).join('; ');
        await this.compensate(live.id, [], reason || 'no node started the recording');
        this.notifications.noNode(channel.username, liveInfo);
        return false;
      }
      await this.lives.markRecording(live.id);
      const reason = live.recordedReason ?? { by: 'manual' };
      const restarted = live.restartedFrom ? `restart of ${live.restartedFrom}, ` : '';
      await this.audit.record(
        {
          kind: 'live.registered',
          liveId: live.id,
          message: `registered (${restarted}${describeReason(reason)}) on ${result.started.map((n) => n.name).join(', ')}`,
          details: { reason },
        },
        ...result.started.map((n) => ({
          kind: 'live.node_added',
          liveId: live.id,
          nodeId: n.id,
          message: `${n.name} started recording`,
        })),
        ...result.failures.map((f) => ({
          kind: 'live.node_refused',
          liveId: live.id,
          message: `${f.node} did not start: ${f.reason}`,
        })),
      );
      if (result.shortfall) this.notifications.noNode(channel.username, liveInfo);
      if (grade.shouldNotify) this.notifications.recordingStarted(channel.username, liveInfo);
      this.logger.log(
        `New Live: ${channel.username} "${live.liveTitle}" on ${result.started.map((n) => n.name).join(', ')}`,
      );
      return true;
    } catch (error) {
      await this.compensate(live.id, started, `registration failed: ${(error as Error).message}`);
      throw error;
    }
  }

  private async refuseIfActive(channelId: string, username: string): Promise<void> {
    const active = await this.lives.activeOfChannel(channelId);
    if (active) {
      throw new ConflictError(
        `Channel "${username}" is already being recorded by live ${active.id} (${active.status})`,
        ERROR_CODES.live.alreadyActive,
      );
    }
  }

  private async resolveStream(
    channelId: string,
    liveInfo: LiveInfo,
    given: ResolvedStream | null | undefined,
    withAuth: boolean,
  ): Promise<ResolvedStream> {
    let stream = given ?? undefined;
    if (!stream) {
      const known = await this.streams.find(channelId, liveInfo.liveUid);
      if (known && (await this.m3u8.check(known, 'none')).available) return known;
      const resolution = await this.stlink.resolve(liveInfo.type, liveInfo.channelUid, { withAuth });
      if (!resolution.openLive) {
        throw new InvalidStateError(
          `The live of "${liveInfo.channelName}" cannot be opened right now (stlink: not open${withAuth ? '' : ' without credentials'}); try again later`,
          ERROR_CODES.live.inaccessible,
        );
      }
      stream = resolution.stream;
    }
    const check = await this.m3u8.check(stream, 'default');
    if (!check.available) {
      throw new InvalidStateError(
        `The stream's playlist is not available: ${check.reason}`,
        ERROR_CODES.live.streamUnavailable,
      );
    }
    return stream;
  }

  private async createLiveRow(
    values: Omit<Parameters<LiveRepository['insert']>[0], 'videoName' | 'id'>,
    username: string,
  ): Promise<LiveRow> {
    const createdAt = this.clock.now();
    for (let attempt = 0; ; attempt++) {
      // Two lives of one channel started in the same second would share a folder: take the next second.
      const name = videoName(
        new Date(createdAt.getTime() + attempt * 1000),
        this.config.values.VIDEO_NAME_TIME_ZONE,
      );
      try {
        return await this.lives.insert({ ...values, id: randomUUID(), videoName: name, createdAt });
      } catch (error) {
        if (isUniqueViolation(error, 'live_one_active_per_channel_key')) {
          await this.refuseIfActive(values.channelId, username);
        }
        if (!isUniqueViolation(error, 'live_channel_video_name_key') || attempt + 1 >= VIDEO_NAME_ATTEMPTS)
          throw error;
      }
    }
  }

  /** Undoes a registration: recorders cancelled, bindings and recording state removed, live failed. */
  private async compensate(
    liveId: string,
    started: Array<{ endpoint: string }>,
    reason: string,
  ): Promise<void> {
    await Promise.allSettled(started.map((n) => this.recnode.cancel(n.endpoint, liveId)));
    // In this order, and the status last: if the process dies half-way, the live is still
    // `initializing` and the balancer finishes the clean-up after LIVE_REGISTRATION_TIMEOUT_SEC.
    try {
      await this.bindings.unbind(liveId);
      await this.recnodeRedis.deleteLiveState(liveId);
      await this.lives.markFailed(liveId, reason);
      await this.audit.record({ kind: 'live.failed', liveId, message: reason });
    } catch (error) {
      this.logger.error(
        `clean-up of live ${liveId} incomplete (the balancer will retry): ${(error as Error).message}`,
      );
    }
    this.logger.warn(`Live ${liveId} failed: ${reason}`);
  }
}

function describeReason(reason: RecordedReason | undefined): string {
  if (!reason || reason.by === 'manual') return 'by hand';
  if (reason.by === 'followed') return 'followed channel';
  return `criterion ${reason.criterionName}: ${reason.matched.join(', ')}`;
}
