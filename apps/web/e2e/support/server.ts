/**
 * Starts recflow through the server's own test harness (a cloned database, a Redis prefix, a
 * loopback port), pointed at the simulator, with the simulator's recnode nodes registered in
 * recflow when it runs any (one node group per simulated group).
 */
import type { Simulator } from '@recflow/simulator';
import { registerFleet } from '../../../server/test/support/fleet';
import { simulatorSettings } from '../../../server/test/support/simulated-world';
import { startTestApp, type TestApp } from '../../../server/test/support/test-app';

export type TestServer = TestApp;

/** Settings a test file may change, e.g. `SCHEDULER_ENABLED: true` for the job workers. */
export type ServerSettings = NonNullable<Parameters<typeof startTestApp>[0]>;

export async function startServer(sim: Simulator, settings: ServerSettings = {}): Promise<TestServer> {
  // A short upstream timeout: a hanging node answers "unreachable" within a second.
  const app = await startTestApp({ ...simulatorSettings(sim), HTTP_TIMEOUT_MS: 1_000, ...settings });
  if (sim.nodes.all().length > 0) await registerFleet(app.api, sim);
  return app;
}
