import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';
import { nestSwcOptions, workspaceAliases } from '../../vitest.shared';

export default defineProject({
  plugins: [swc.vite(nestSwcOptions)],
  resolve: { alias: workspaceAliases },
  test: {
    // Integration tests on real PostgreSQL, Redis and the simulator; the unit tier beside the code
    // is its own project (vitest.unit.config.ts).
    name: 'server',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
