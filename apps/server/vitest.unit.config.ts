import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';
import { nestSwcOptions, workspaceAliases } from '../../vitest.shared';

/**
 * The unit tier: tests beside the code (`src/**\/*.test.ts`) of decisions and pure logic, with
 * fakes of recflow's own code only. No global set-up, no database, no Redis, no simulator, so
 * `pnpm test:unit` answers in seconds.
 */
export default defineProject({
  plugins: [swc.vite(nestSwcOptions)],
  resolve: { alias: workspaceAliases },
  test: {
    name: 'server-unit',
    include: ['src/**/*.test.ts'],
    testTimeout: 5_000,
  },
});
