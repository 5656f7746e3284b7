/**
 * Helpers for the simulator's own tests: a live on the simulated platform with its LiveState in the
 * real recnode Redis (playing recflow's part), a typed recnode client, and waiting with deadlines.
 */
import { randomUUID } from 'node:crypto';
import type { LiveState, PlatformName } from '@recflow/contracts';
import { buildLiveState, clearLive, type Simulator, writeLiveState } from '../src/index';

let sequence = 0;

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  { timeoutMs = 10_000, intervalMs = 20, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const detail = last ? ` (last error: ${(last as Error).message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}

export interface TestLive {
  platform: PlatformName;
  sourceId: string;
  state: LiveState;
}

/** Starts a broadcast on a new channel and writes its LiveState, as recflow would on registration. */
export async function startRecordableLive(
  sim: Simulator,
  platform: PlatformName = 'chzzk',
  track: string[] = [],
): Promise<TestLive> {
  sequence++;
  const sourceId = `sim${Date.now().toString(36)}${sequence}`;
  sim.world.addChannel({ platform, sourceId, username: `Sim ${sequence}` });
  const live = sim.world.startLive(platform, sourceId);
  const state = buildLiveState({
    id: randomUUID(),
    platform,
    channelId: sourceId,
    liveId: String(live.liveId),
    stream: sim.streams.accessOf(platform, sourceId),
  });
  await writeLiveState(sim.nodes.redis, state);
  track.push(state.id);
  return { platform, sourceId, state };
}

export async function clearLives(sim: Simulator, ids: string[]): Promise<void> {
  await Promise.all(ids.splice(0).map((id) => clearLive(sim.nodes.redis, id)));
}

/** recnode's HTTP API as recflow calls it. */
export function recnodeClient(endpoint: string, token: string | null) {
  const call = async (method: string, path: string) => {
    const res = await fetch(`${endpoint}${path}`, {
      method,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Fault answers are deliberately not JSON; the raw text is the body then.
    }
    return { status: res.status, body };
  };
  return {
    start: (id: string) => call('POST', `/api/recordings/${id}`),
    cancel: (id: string) => call('DELETE', `/api/recordings/${id}`),
    list: (fields = 'stats') => call('GET', `/api/recordings?fields=${fields}`),
    health: () => call('GET', '/api/health'),
  };
}

export type RecnodeClient = ReturnType<typeof recnodeClient>;
