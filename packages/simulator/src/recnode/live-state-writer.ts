/**
 * recflow's part in the recnode Redis, played for the simulator's own tests and benchmarks: write
 * a LiveState (`SET EX NX`, `ZADD lives`) and clear every key of a live afterwards. recflow's own
 * tests use recflow for this.
 */
import {
  LIVES_KEY,
  LiveState,
  liveStateKey,
  type PlatformName,
  type RecnodeLocation,
} from '@recflow/contracts';
import type { Redis } from 'ioredis';
import type { StreamAccess } from '../hls/streams';

export interface LiveStateInput {
  id: string;
  platform: PlatformName;
  channelId: string;
  liveId: string;
  stream: StreamAccess;
  channelName?: string;
  liveTitle?: string;
  videoName?: string;
  fsName?: string;
  location?: RecnodeLocation;
}

export function buildLiveState(input: LiveStateInput, now = new Date()): LiveState {
  return LiveState.parse({
    id: input.id,
    platform: input.platform,
    channelId: input.channelId,
    channelName: input.channelName ?? input.channelId,
    liveId: input.liveId,
    liveTitle: input.liveTitle ?? `live ${input.liveId}`,
    platformCookie: null,
    streamUrl: input.stream.url,
    streamParams: input.stream.params,
    streamHeaders: input.stream.headers,
    videoName: input.videoName ?? `${input.channelId}_${input.liveId}_${input.id.slice(0, 8)}`,
    fsName: input.fsName ?? 'sim-fs',
    location: input.location ?? 'local',
    isInvalid: false,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
}

/** `SET live:{id} ... EX NX` and `ZADD lives`; false when the state already exists. */
export async function writeLiveState(redis: Redis, state: LiveState, expireSec = 3600): Promise<boolean> {
  const created = await redis.set(liveStateKey(state.id), JSON.stringify(state), 'EX', expireSec, 'NX');
  if (created !== 'OK') return false;
  await redis.zadd(LIVES_KEY, Date.parse(state.createdAt), state.id);
  return true;
}

export async function readLiveState(redis: Redis, id: string): Promise<LiveState | null> {
  const text = await redis.get(liveStateKey(id));
  return text === null ? null : LiveState.parse(JSON.parse(text));
}

/** Deletes `live:{id}` and every `live:{id}:*` key, and the id from `lives`. */
export async function clearLive(redis: Redis, id: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${liveStateKey(id)}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.unlink(liveStateKey(id));
  await redis.zrem(LIVES_KEY, id);
}
