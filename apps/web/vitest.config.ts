import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { defineProject } from 'vitest/config';
import { nestSwcOptions, workspaceAliases } from '../../vitest.shared';

// The browser tests start the real server in-process through its test harness, and NestJS needs
// decorator metadata, which esbuild does not emit: the server's swc plugin is borrowed from the
// server package rather than duplicated as a dependency of the dashboard.
const fromServer = createRequire(new URL('../server/package.json', import.meta.url));
const swc = (fromServer('unplugin-swc') as { default: { vite(options: object): Plugin } }).default;

export default defineProject({
  plugins: [swc.vite(nestSwcOptions)],
  resolve: { alias: workspaceAliases },
  test: {
    name: 'web',
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['../server/test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A page's first render can take seconds on a loaded machine; a poll gives up only after that.
    expect: { poll: { timeout: 10_000 } },
  },
});
