/**
 * The wait's decisions, on a fake clock and a scripted client. The scripts model how a recnode
 * node answers around a cancel: its list can answer 500 while a monitor thread removes recorders
 * from the map it walks (rwiv/recnode recnode/app/server_main_router.py,
 * recnode/recorder/manager/recording_scheduler.py), a stopped recorder stays listed until its
 * uploads are done, and a download without a timeout can keep it listed for good.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type UploadWaitClient, type UploadWaitOptions, waitForUploads } from './upload-wait';

const LIVE = 'live-1';
const OPTIONS: UploadWaitOptions = { timeoutMs: 10_000, pollMs: 1_000, callTimeoutMs: 500 };

/** What one poll of a node answers: without the live, with it, a failure, or nothing at all. */
type Answer = 'absent' | 'listed' | 'error' | 'hang';

/** A client whose nodes answer their scripts in turn, repeating the last answer once done. */
function scripted(scripts: Record<string, Answer[]>, failingCancels: Record<string, number> = {}) {
  const polls: Record<string, number> = {};
  const cancels: Record<string, number> = {};
  const client: UploadWaitClient = {
    async recordingIds(endpoint) {
      const n = polls[endpoint] ?? 0;
      polls[endpoint] = n + 1;
      const script = scripts[endpoint]!;
      const answer = script[Math.min(n, script.length - 1)]!;
      if (answer === 'hang') return new Promise<string[]>(() => undefined);
      if (answer === 'error') throw new Error('500 Internal Server Error');
      return answer === 'listed' ? ['other', LIVE] : ['other'];
    },
    async cancel(endpoint) {
      cancels[endpoint] = (cancels[endpoint] ?? 0) + 1;
      if ((failingCancels[endpoint] ?? 0) >= cancels[endpoint]!) throw new Error('503');
      return 'cancelled';
    },
  };
  const nodes = Object.keys(scripts).map((name) => ({ name, endpoint: name }));
  return { client, nodes, polls, cancels };
}

/** Runs the wait to its end on the fake clock; returns its result and the fake time it took. */
async function run(fake: ReturnType<typeof scripted>, options = OPTIONS) {
  const started = Date.now();
  const done = waitForUploads(LIVE, fake.nodes, fake.client, options);
  await vi.runAllTimersAsync();
  return { ...(await done), tookMs: Date.now() - started };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('waiting for the uploads of a finished live', () => {
  it('counts a node done after two answers in a row without the live, not one', async () => {
    const fake = scripted({ a: ['listed', 'listed', 'absent', 'absent'], b: ['absent'] });
    const result = await run(fake);
    expect(result.givenUp).toEqual([]);
    expect(fake.polls).toEqual({ a: 4, b: 2 });
    expect(fake.cancels).toEqual({ a: 1, b: 1 });
    expect(result.tookMs).toBe(3 * OPTIONS.pollMs);
  });

  it('starts the count again after a failed poll, and sends the cancel again', async () => {
    const fake = scripted({ a: ['listed', 'absent', 'error', 'absent', 'absent'] });
    const result = await run(fake);
    expect(result.givenUp).toEqual([]);
    expect(fake.polls.a).toBe(5);
    // Once with the first poll, once more with the poll after the failed one.
    expect(fake.cancels.a).toBe(2);
  });

  it('starts the count again when a successful answer still lists the live', async () => {
    const fake = scripted({ a: ['absent', 'listed', 'absent', 'absent'] });
    const result = await run(fake);
    expect(result.givenUp).toEqual([]);
    expect(fake.polls.a).toBe(4);
    expect(fake.cancels.a).toBe(1);
  });

  it('never takes failed polls for a finished node: it waits until the timeout and gives up', async () => {
    const fake = scripted({ a: ['error'], b: ['absent'] });
    const result = await run(fake);
    expect(result.givenUp).toEqual(['a']);
    expect(result.tookMs).toBe(OPTIONS.timeoutMs);
    // A cancel with every poll: the node may never have had one.
    expect(fake.cancels.a).toBe(fake.polls.a);
    expect(fake.polls.b).toBe(2);
  });

  it('gives up on a node that keeps listing the live (a hung download), after one cancel', async () => {
    const fake = scripted({ hung: ['listed'], ok: ['listed', 'absent'] });
    const result = await run(fake);
    expect(result).toMatchObject({ givenUp: ['hung'], tookMs: OPTIONS.timeoutMs });
    expect(fake.cancels.hung).toBe(1);
  });

  it('bounds a node that does not answer at all by its own call timeout', async () => {
    const fake = scripted({ silent: ['hang'], ok: ['absent'] });
    const result = await run(fake);
    expect(result.givenUp).toEqual(['silent']);
    expect(result.tookMs).toBeLessThanOrEqual(OPTIONS.timeoutMs + OPTIONS.callTimeoutMs);
    // Every round waited only for the call timeout, not for the silent node.
    expect(fake.polls.silent).toBeGreaterThanOrEqual(Math.floor(OPTIONS.timeoutMs / (OPTIONS.pollMs + 500)));
  });

  it('sends a cancel the node did not take again, even while its polls succeed', async () => {
    const fake = scripted({ a: ['listed', 'listed', 'absent', 'absent'] }, { a: 1 });
    const result = await run(fake);
    expect(result.givenUp).toEqual([]);
    expect(fake.cancels.a).toBe(2);
  });

  it('is done at once for no nodes', async () => {
    const fake = scripted({});
    expect(await run(fake)).toEqual({ givenUp: [], tookMs: 0 });
  });
});
