/**
 * How a recorded broadcast is judged, on fakes of the platform (streamq), of stlink and of the
 * playlist check: an end only when the platform says so, a restart only under another broadcast
 * id, and a stream that cannot be fetched never taken for an end.
 */
import type { ChannelInfo, LiveInfo } from '@recflow/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { M3u8Check, M3u8Checker } from '../upstream/stlink/m3u8-checker';
import type { ResolvedStream, StlinkClient, StreamResolution } from '../upstream/stlink/stlink.client';
import type { StreamqClient } from '../upstream/streamq/streamq.client';
import { BroadcastCheck, type RecordedBroadcast } from './broadcast-check';

const STREAM: ResolvedStream = { url: 'https://cdn.example/live.m3u8', params: null, headers: {} };

function broadcast(patch: Partial<RecordedBroadcast> = {}): RecordedBroadcast {
  return { platform: 'chzzk', channelUid: 'chan', sourceId: 'b-1', isAdult: false, stream: STREAM, ...patch };
}

function channel(patch: { openLive?: boolean; liveUid?: string | null } = {}): ChannelInfo {
  const { openLive = true, liveUid = 'b-1' } = patch;
  return {
    platform: 'chzzk',
    sourceId: 'chan',
    username: 'someone',
    profileImgUrl: null,
    followerCnt: 1,
    openLive,
    liveInfo: liveUid === null ? null : ({ liveUid } as LiveInfo),
  };
}

interface Scenario {
  /** What the platform answers about the channel, or the error it fails with. */
  platform: ChannelInfo | null | Error;
  playlist?: M3u8Check;
  stlink?: StreamResolution | Error;
}

function setup(s: Scenario) {
  const streamq = {
    fetchChannel: vi.fn(async (_platform: string, _uid: string, _withLiveInfo?: boolean) => {
      if (s.platform instanceof Error) throw s.platform;
      return s.platform;
    }),
  };
  const m3u8 = {
    check: vi.fn(async (_stream: ResolvedStream, _policy?: string) => s.playlist ?? { available: true }),
  };
  const stlink = {
    resolve: vi.fn(async (_platform: string, _uid: string, _options: { withAuth: boolean }) => {
      if (s.stlink instanceof Error) throw s.stlink;
      return s.stlink ?? { openLive: true, stream: STREAM };
    }),
  };
  const check = new BroadcastCheck(
    streamq as unknown as StreamqClient,
    stlink as unknown as StlinkClient,
    m3u8 as unknown as M3u8Checker,
  );
  return { check, streamq, m3u8, stlink };
}

const playlistFails: M3u8Check = { available: false, reason: 'the playlist answered 403' };

describe('judging a recorded broadcast', () => {
  it('a platform that does not answer makes the verdict unknown, never an end', async () => {
    const f = setup({ platform: new Error('timed out') });
    expect(await f.check.check(broadcast())).toEqual({
      kind: 'unknown',
      reason: 'the platform did not answer: timed out',
    });
    expect(f.m3u8.check).not.toHaveBeenCalled();
  });

  it('a channel the platform no longer has is ended', async () => {
    const f = setup({ platform: null });
    expect(await f.check.check(broadcast())).toEqual({
      kind: 'ended',
      reason: 'the channel no longer exists on the platform',
    });
  });

  it('a channel that is offline is ended, whatever its playlist does', async () => {
    const f = setup({ platform: channel({ openLive: false }), playlist: { available: true } });
    expect(await f.check.check(broadcast())).toEqual({ kind: 'ended', reason: 'the broadcast ended' });
    expect(f.m3u8.check).not.toHaveBeenCalled();
  });

  it('a channel live under another broadcast id has restarted, with the new id', async () => {
    const f = setup({ platform: channel({ liveUid: 'b-2' }) });
    expect(await f.check.check(broadcast())).toEqual({ kind: 'restarted', liveUid: 'b-2' });
    expect(f.m3u8.check).not.toHaveBeenCalled();
  });

  it('the platform is asked for the live info of the recorded channel', async () => {
    const f = setup({ platform: channel() });
    await f.check.check(broadcast({ platform: 'soop', channelUid: 'xyz' }));
    expect(f.streamq.fetchChannel).toHaveBeenCalledWith('soop', 'xyz', true);
  });

  it('a live channel without live info is not taken for a restart', async () => {
    const f = setup({ platform: channel({ liveUid: null }) });
    expect(await f.check.check(broadcast())).toEqual({ kind: 'on_air' });
  });

  it('the same broadcast with no known playlist is on air, and no playlist is fetched', async () => {
    const f = setup({ platform: channel() });
    expect(await f.check.check(broadcast({ stream: null }))).toEqual({ kind: 'on_air' });
    expect(f.m3u8.check).not.toHaveBeenCalled();
  });

  it('the same broadcast whose playlist answers is on air; the playlist is fetched once, without retries, and stlink is not asked', async () => {
    const f = setup({ platform: channel(), playlist: { available: true } });
    expect(await f.check.check(broadcast())).toEqual({ kind: 'on_air' });
    expect(f.m3u8.check).toHaveBeenCalledTimes(1);
    expect(f.m3u8.check).toHaveBeenCalledWith(STREAM, 'none');
    expect(f.stlink.resolve).not.toHaveBeenCalled();
  });

  it('a playlist that fails while stlink cannot open the live is unavailable because of stlink', async () => {
    const f = setup({ platform: channel(), playlist: playlistFails, stlink: { openLive: false } });
    expect(await f.check.check(broadcast())).toEqual({
      kind: 'unavailable',
      reason: 'stlink cannot open the live right now',
    });
  });

  it("a playlist that fails while stlink opens the live, or fails itself, is unavailable with the playlist's reason", async () => {
    const open = setup({ platform: channel(), playlist: playlistFails });
    expect(await open.check.check(broadcast())).toEqual({
      kind: 'unavailable',
      reason: 'the playlist answered 403',
    });
    const failing = setup({ platform: channel(), playlist: playlistFails, stlink: new Error('stlink down') });
    expect(await failing.check.check(broadcast())).toEqual({
      kind: 'unavailable',
      reason: 'the playlist answered 403',
    });
  });

  it("stlink is asked with the platform's authentication only for an adult broadcast", async () => {
    const adult = setup({ platform: channel(), playlist: playlistFails });
    await adult.check.check(broadcast({ isAdult: true }));
    expect(adult.stlink.resolve).toHaveBeenCalledWith('chzzk', 'chan', { withAuth: true });
    const general = setup({ platform: channel(), playlist: playlistFails });
    await general.check.check(broadcast({ isAdult: false }));
    expect(general.stlink.resolve).toHaveBeenCalledWith('chzzk', 'chan', { withAuth: false });
  });
});
