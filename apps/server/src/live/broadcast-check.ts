/**
 * What a recorded broadcast is doing now, each case told apart — the original confused them and
 * ended lives that were only briefly unreachable:
 * - `ended`: the platform says the channel is offline, or has no such channel any more;
 * - `restarted`: the platform is live under another broadcast id (a new broadcast);
 * - `unavailable`: the platform says the same broadcast is on, but its playlist cannot be fetched
 *   (stlink cannot open it now, or the playlist fails) — a temporary state, never an end;
 * - `unknown`: the platform did not answer (an error or a timeout) — never taken for an end;
 * - `on_air`: the same broadcast is on and its playlist answers.
 * The playlist is fetched once, without retries; stlink is asked only when it fails, to say why.
 */
import { Injectable } from '@nestjs/common';
import type { PlatformName } from '@recflow/contracts';
import { M3u8Checker } from '../upstream/stlink/m3u8-checker';
import { type ResolvedStream, StlinkClient } from '../upstream/stlink/stlink.client';
import { StreamqClient } from '../upstream/streamq/streamq.client';

export type BroadcastVerdict =
  | { kind: 'on_air' }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'ended'; reason: string }
  | { kind: 'restarted'; liveUid: string }
  | { kind: 'unknown'; reason: string };

export interface RecordedBroadcast {
  platform: PlatformName;
  channelUid: string;
  /** The platform's id of the broadcast being recorded. */
  sourceId: string;
  isAdult: boolean;
  /** The playlist the live was registered with, if it is still known. */
  stream: ResolvedStream | null;
}

@Injectable()
export class BroadcastCheck {
  constructor(
    private readonly streamq: StreamqClient,
    private readonly stlink: StlinkClient,
    private readonly m3u8: M3u8Checker,
  ) {}

  async check(broadcast: RecordedBroadcast): Promise<BroadcastVerdict> {
    const { platform, channelUid } = broadcast;
    let info: Awaited<ReturnType<StreamqClient['fetchChannel']>>;
    try {
      info = await this.streamq.fetchChannel(platform, channelUid, true);
    } catch (error) {
      return { kind: 'unknown', reason: `the platform did not answer: ${(error as Error).message}` };
    }
    if (!info) return { kind: 'ended', reason: 'the channel no longer exists on the platform' };
    if (!info.openLive) return { kind: 'ended', reason: 'the broadcast ended' };
    if (info.liveInfo && info.liveInfo.liveUid !== broadcast.sourceId) {
      return { kind: 'restarted', liveUid: info.liveInfo.liveUid };
    }
    if (!broadcast.stream) return { kind: 'on_air' };
    const playlist = await this.m3u8.check(broadcast.stream, 'none');
    if (playlist.available) return { kind: 'on_air' };
    const resolution = await this.stlink
      .resolve(platform, channelUid, { withAuth: broadcast.isAdult })
      .catch(() => null);
    if (resolution && !resolution.openLive) {
      return { kind: 'unavailable', reason: 'stlink cannot open the live right now' };
    }
    return { kind: 'unavailable', reason: playlist.reason };
  }
}
