import { describe, expect, it } from 'vitest';
import { BroadcastSchedule } from './broadcast-schedule';
import { StartLog } from './recnode/start-log';
import { World } from './world';

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('broadcast schedule', () => {
  it('puts each broadcast on air at its moment and says when, with its live id', async () => {
    const world = new World();
    world.addChannel({ platform: 'chzzk', sourceId: 'a', username: 'A' });
    world.addChannel({ platform: 'soop', sourceId: 'b', username: 'B' });
    const schedule = new BroadcastSchedule(world);
    const planned = Date.now();
    schedule.plan([
      { platform: 'chzzk', sourceId: 'a', inMs: 0, live: { title: 'first', viewers: 5 } },
      { platform: 'soop', sourceId: 'b', inMs: 150 },
      { platform: 'soop', sourceId: 'missing', inMs: 0 },
    ]);
    await until(() => schedule.list().every((b) => b.startedAt !== null || b.error !== null));
    const [a, b, missing] = schedule.list();
    expect(world.channel('chzzk', 'a')?.live).toMatchObject({ title: 'first', viewers: 5 });
    expect(a?.liveUid).toBe(String(world.channel('chzzk', 'a')?.live?.liveId));
    expect(b!.startedAt! - planned).toBeGreaterThanOrEqual(140);
    expect(missing?.error).toContain('no soop channel "missing"');
  });

  it('forgets and cancels what has not started when cleared', async () => {
    const world = new World();
    world.addChannel({ platform: 'chzzk', sourceId: 'a', username: 'A' });
    const schedule = new BroadcastSchedule(world);
    schedule.plan([{ platform: 'chzzk', sourceId: 'a', inMs: 50 }]);
    schedule.clear();
    await new Promise((r) => setTimeout(r, 100));
    expect(schedule.list()).toEqual([]);
    expect(world.channel('chzzk', 'a')?.live).toBeNull();
  });
});

describe('start log', () => {
  it('keeps the first start request of each broadcast', () => {
    const log = new StartLog();
    const start = { platform: 'chzzk' as const, channelId: 'a', liveUid: '7', recordId: 'r1' };
    log.add({ ...start, node: 'n1', receivedAt: 100 });
    log.add({ ...start, node: 'n2', receivedAt: 120 });
    log.add({ ...start, liveUid: '8', node: 'n3', receivedAt: 130 });
    expect(log.firstByBroadcast().get('chzzk:7')).toMatchObject({ node: 'n1', receivedAt: 100 });
    expect(log.firstByBroadcast().get('chzzk:8')?.node).toBe('n3');
    expect(log.list()).toHaveLength(3);
  });
});
