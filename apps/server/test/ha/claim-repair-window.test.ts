/**
 * Claim repair's two judgements on real recnode claims, written straight into the recnode Redis:
 * a claim's age is measured in the stream recflow watched move on, never in the claim's own
 * timestamps (naive local times of whichever node wrote them, rwiv/recnode
 * recnode/data/segment/seg_state_service.py), and only segments still inside the origin's window go
 * back to `retrying`.
 */
import { randomUUID } from 'node:crypto';
import { RecnodeSegmentState, segmentKey, segmentSetKey } from '@recflow/contracts';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaimRepair } from '../../src/live/claim-repair';
import { TEST_REDIS_URL } from '../support/env';
import { startTestApp, type TestApp } from '../support/test-app';
import { forgetRecnodeKeys } from './fleet-watch';

const REDIS_DB = 15;
let app: TestApp;
let redis: Redis;
const lives: string[] = [];

beforeAll(async () => {
  const url = new URL(TEST_REDIS_URL);
  app = await startTestApp({
    RECNODE_REDIS_MASTER_HOST: url.hostname,
    RECNODE_REDIS_MASTER_PORT: Number(url.port || 6379),
    RECNODE_REDIS_DB: REDIS_DB,
    ORIGIN_SEGMENT_WINDOW_SEC: 60,
  });
  redis = new Redis(TEST_REDIS_URL, { db: REDIS_DB });
});

afterAll(async () => {
  await app?.close();
  await forgetRecnodeKeys(REDIS_DB, lives);
  redis?.disconnect();
});

/** A claim as recnode writes it: no size, the claimer's local time, here hours off either way. */
function claim(liveId: string, num: number, createdAt: string): string {
  return JSON.stringify({
    num,
    url: `https://cdn.example/${liveId}/${num}.ts?token=t`,
    duration: 2,
    size: null,
    parallel_limit: 1,
    is_retrying: false,
    created_at: createdAt,
    updated_at: createdAt,
  } satisfies RecnodeSegmentState);
}

async function succeed(liveId: string, from: number, to: number): Promise<void> {
  const members = Array.from({ length: to - from + 1 }, (_, i) => [from + i, String(from + i)]).flat();
  await redis.zadd(segmentSetKey(liveId, 'success'), ...members);
}

describe('claim repair on real claims', () => {
  it('hands back an orphan once the stream moved on, only inside the origin window, whatever its timestamps say', async () => {
    const liveId = randomUUID();
    lives.push(liveId);
    const repair = app.app.get(ClaimRepair);
    // Numbers 0..40 downloaded except 5 and 30, claimed by a node that died. 30's claim says it
    // was made tomorrow (a node far ahead of UTC); 5's says last year.
    await succeed(liveId, 0, 4);
    await succeed(liveId, 6, 29);
    await succeed(liveId, 31, 40);
    await redis.set(segmentKey(liveId, 5), claim(liveId, 5, '2025-01-01T00:00:00.000000'));
    await redis.set(segmentKey(liveId, 30), claim(liveId, 30, '2099-01-01T09:00:00.000000'));
    await repair.watch([liveId]);

    expect(await repair.sweep()).toBe(0);
    // Five more segments (10 s of stream): not yet twice the lock's lifetime.
    await succeed(liveId, 41, 45);
    expect(await repair.sweep()).toBe(0);
    // Twelve past the first sighting (24 s): 30 is an orphan, 5 is 94 s back, past the 60 s window.
    await succeed(liveId, 46, 52);
    expect(await repair.sweep()).toBe(1);
    expect(await redis.zrange(segmentSetKey(liveId, 'retrying'), 0, -1)).toEqual(['30']);
    const requeued = RecnodeSegmentState.parse(JSON.parse((await redis.get(segmentKey(liveId, 30)))!));
    expect(requeued).toMatchObject({ size: null, is_retrying: true, parallel_limit: 3 });
    // recflow writes no time of its own into a state whose times are the node's.
    expect(requeued.created_at).toBe('2099-01-01T09:00:00.000000');
    expect(await repair.sweep()).toBe(0);
  });

  it('leaves a claim that changes (a live node working on it) alone', async () => {
    const liveId = randomUUID();
    lives.push(liveId);
    const repair = app.app.get(ClaimRepair);
    await succeed(liveId, 0, 19);
    await succeed(liveId, 21, 30);
    await redis.set(segmentKey(liveId, 20), claim(liveId, 20, '2026-12-04T21:00:00.000000'));
    await repair.watch([liveId]);
    expect(await repair.sweep()).toBe(0);
    await succeed(liveId, 31, 45);
    // The holder rewrote it (a first failure, about to go to retrying): a new sighting begins.
    await redis.set(segmentKey(liveId, 20), claim(liveId, 20, '2026-12-04T21:00:01.000000'));
    expect(await repair.sweep()).toBe(0);
    expect(await redis.zcard(segmentSetKey(liveId, 'retrying'))).toBe(0);
  });
});
