/**
 * Issue #8, rolling deploy: 100 lives recording on two nodes each in four groups; groups 1 and 2
 * are drained together, "redeployed" (each node waits until it has uploaded and left nothing, then
 * is killed and started fresh) and undrained, then groups 3 and 4 the same way. Throughout, the
 * nodes' own recorders are sampled: no live may ever be without a recording node. Afterwards the
 * segment ledger must show every segment downloaded, none twice.
 */
import { api, type LiveDto } from '@recflow/contracts';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait';
import { ledgerTotals, newestSegments, recordingNodes, recordLives, untilSimTime } from './fleet-watch';
import { scaledFleet } from './scaled-fleet';

const LIVES = 100;
const SETTLE_MS = 30_000;
const REDIS_DB = 12;

const fleet = scaledFleet(REDIS_DB, { DRAIN_WAIT_SEC: 60 });

async function drain(groupId: string): Promise<{ moved: number; stuck: string[]; total: number }> {
  const { recflow } = fleet;
  const started = await recflow.client.ok(api.lives.drain, { body: { groupId } });
  return waitFor(
    async () => {
      const p = await recflow.client.ok(api.lives.drainProgress, { params: { id: started.id } });
      if (p.state === 'failed') throw new Error(`drain ${started.id} failed: ${p.error}`);
      return p.state === 'completed' ? p : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 200, what: `the drain of group ${groupId}` },
  );
}

/** A redeploy of a drained group: each node finishes its uploads, dies, and comes back empty. */
async function redeploy(groupNames: string[]): Promise<void> {
  const { sim } = fleet;
  const nodes = sim.nodes.all().filter((n) => groupNames.includes(n.group));
  await waitFor(() => nodes.every((n) => n.recordingIds().length === 0), {
    timeoutMs: 60_000,
    what: `the nodes of ${groupNames.join(', ')} to finish their uploads`,
  });
  for (const node of nodes) node.kill('reset');
  await untilSimTime(sim, sim.clock.now() + 10_000);
  for (const node of nodes) node.revive();
}

describe('a rolling deploy over four node groups', () => {
  it('drains, redeploys and undrains two groups at a time without a live ever unrecorded or a segment lost', async () => {
    const { sim, recflow } = fleet;
    const lives: LiveDto[] = await recordLives(recflow.client, sim, LIVES, `roll${Date.now().toString(36)}`);
    const ids = lives.map((l) => l.id);
    const groups = new Map((await recflow.client.ok(api.nodeGroups.list)).map((g) => [g.name, g.id]));

    const unrecorded = new Map<string, number>();
    let samples = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const recording = recordingNodes(sim);
        for (const id of ids) {
          if ((recording.get(id)?.length ?? 0) === 0) unrecorded.set(id, (unrecorded.get(id) ?? 0) + 1);
        }
        samples++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    const drains = [];
    for (const pair of [
      ['g1', 'g2'],
      ['g3', 'g4'],
    ]) {
      // One group after the other: two drains moving the same live at once can both pick the
      // same third group, since each binds without seeing the other.
      const results = [];
      for (const name of pair) results.push(await drain(groups.get(name)!));
      drains.push(...results);
      for (const id of results.flatMap((r) => r.stuck).slice(0, 3)) {
        const events = await recflow.client.ok(api.audit.ofLive, { params: { id } });
        console.log(
          `rolling drain: ${pair} stuck ${id}: ${JSON.stringify(events.map((e) => `${e.kind} ${e.message}`))}`,
        );
      }
      for (const result of results) expect(result.stuck).toEqual([]);
      for (const live of await recflow.client.ok(api.lives.list, { query: { segments: 'false' } })) {
        if (!ids.includes(live.id)) continue;
        expect(live.nodes.filter((n) => pair.some((name) => groups.get(name) === n.groupId))).toEqual([]);
      }
      await redeploy(pair);
      for (const name of pair)
        await recflow.client.ok(api.lives.undrain, { body: { groupId: groups.get(name)! } });
    }

    await waitFor(
      () => {
        const recording = recordingNodes(sim);
        return ids.every((id) => recording.get(id)?.length === 2);
      },
      { timeoutMs: 30_000, what: 'every live on two recording nodes again' },
    );
    sampling = false;
    await sampler;

    const through = newestSegments(sim, ids);
    await untilSimTime(sim, sim.clock.now() + SETTLE_MS);
    const totals = ledgerTotals(sim, through);
    const byGroup = (await recflow.client.ok(api.lives.list, { query: { segments: 'false' } }))
      .filter((l) => ids.includes(l.id))
      .map((l) => new Set(l.nodes.map((n) => n.groupId)).size === l.nodes.length);
    console.log(
      `rolling drain: ${JSON.stringify({
        moved: drains.map((d) => d.moved),
        samples,
        unrecorded: unrecorded.size,
        segments: totals.segments,
        missing: totals.missing.length,
        doubled: totals.doubled.length,
        lost: totals.lost,
      })}`,
    );

    expect(drains.reduce((sum, d) => sum + d.moved, 0)).toBeGreaterThanOrEqual(LIVES);
    expect(samples).toBeGreaterThan(100);
    expect([...unrecorded]).toEqual([]);
    expect(totals.segments).toBeGreaterThan(LIVES * 30);
    expect(totals.missing).toEqual([]);
    expect(totals.doubled).toEqual([]);
    expect(totals.lost).toBe(0);
    expect(byGroup.every(Boolean)).toBe(true);
  }, 400_000);
});
