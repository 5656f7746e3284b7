/** Points a test recflow at a running simulator: the settings the simulator advertises, parsed by our schema. */
import type { Simulator } from '@recflow/simulator';
import { type ConfigValues, parseConfig } from '../../src/config/config.schema';

export function simulatorSettings(sim: Simulator): Partial<ConfigValues> {
  const env = sim.recflowEnv();
  const parsed = parseConfig(env);
  return Object.fromEntries(
    Object.keys(env)
      .filter((key) => key in parsed)
      .map((key) => [key, parsed[key as keyof ConfigValues]]),
  ) as Partial<ConfigValues>;
}
