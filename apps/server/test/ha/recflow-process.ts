/**
 * recflow as its own process (the built server), for the high-availability tests: the simulator's
 * hundreds of recorders then run on the test's event loop and recflow on its own, as in
 * production, so neither delays the other's timers and failover times are recflow's own.
 */
import { randomBytes } from 'node:crypto';
import type { Simulator } from '@recflow/simulator';
import type { ApiClient } from '../support/api-client';
import { TEST_REDIS_URL } from '../support/env';
import { freePort, ServerProcess } from '../support/server-process';
import { deleteRedisPrefix } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

export interface RecflowProcess {
  client: ApiClient;
  stop(): Promise<void>;
}

export async function startRecflowProcess(
  sim: Simulator,
  settings: Record<string, string | number | boolean>,
): Promise<RecflowProcess> {
  const db = await createTestDatabase();
  const prefix = `recflow_test_${randomBytes(4).toString('hex')}`;
  const server = new ServerProcess(
    {
      ...sim.recflowEnv(),
      DATABASE_URL: db.url,
      SERVER_REDIS_URL: TEST_REDIS_URL,
      SERVER_REDIS_PREFIX: prefix,
      LIVE_STATE_EXPIRE_SEC: '900',
      ...Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])),
    },
    await freePort(),
  );
  await server.start();
  return {
    client: server.client,
    async stop() {
      await server.stop();
      await db.drop();
      await deleteRedisPrefix(TEST_REDIS_URL, prefix);
    },
  };
}
