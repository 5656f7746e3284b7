import { type Simulator, startSimulator } from '@recflow/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppConfig } from '../../src/config/app-config';
import { Notifier } from '../../src/upstream/untf/notifier';
import { UpstreamStats } from '../../src/upstream/upstream-stats';
import { simulatorSettings } from '../support/simulated-world';
import { startTestApp, type TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

let sim: Simulator;
let app: TestApp;
let notifier: Notifier;
let stats: UpstreamStats;

beforeAll(async () => {
  sim = await startSimulator();
  app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 300, UNTF_TOPIC: 'stmgr' });
  notifier = app.app.get(Notifier);
  stats = app.app.get(UpstreamStats);
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});
beforeEach(() => {
  sim.faults.reset();
  sim.untf.clear();
});

describe('untf notifier', () => {
  it('posts {topic, message} with the API key', async () => {
    notifier.notify('Node n1 is cordoned due to failure count exceeded threshold');
    await notifier.settled();
    expect(sim.untf.messages).toEqual([
      {
        topic: 'stmgr',
        message: 'Node n1 is cordoned due to failure count exceeded threshold',
        receivedAt: expect.any(Date),
      },
    ]);
  });

  it('never blocks the caller, even when untf hangs, and counts the failure', async () => {
    sim.faults.untf = { mode: 'hang' };
    const before = stats.snapshot()['untf:timeout'] ?? 0;
    const started = Date.now();
    notifier.notify('hanging');
    expect(Date.now() - started).toBeLessThan(20);
    await notifier.settled();
    expect(stats.snapshot()['untf:timeout']).toBe(before + 1);
  });

  it('contains a failing untf: nothing thrown, the failure counted', async () => {
    sim.faults.untf = { mode: 'status', status: 500 };
    const before = stats.snapshot()['untf:status'] ?? 0;
    notifier.notify('failing');
    await notifier.settled();
    expect(stats.snapshot()['untf:status']).toBe(before + 1);
    expect(sim.untf.messages).toEqual([]);
  });

  it('only logs when no untf endpoint is configured', async () => {
    const quiet = new Notifier(app.app.get(AppConfig).with({ UNTF_ENDPOINT: undefined }), stats);
    const requests = sim.requests.untf;
    quiet.notify('nobody listens');
    await quiet.settled();
    expect(sim.requests.untf).toBe(requests);
  });

  it('refuses a wrong key (the simulated untf checks it)', async () => {
    const wrong = new Notifier(app.app.get(AppConfig).with({ UNTF_API_KEY: 'wrong' }), stats);
    wrong.notify('with a wrong key');
    await wrong.settled();
    await waitFor(() => sim.requests.untf > 0);
    expect(sim.untf.find('wrong key')).toEqual([]);
  });
});
