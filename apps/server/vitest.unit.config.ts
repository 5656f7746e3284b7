import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared';

/**
 * The unit tier: tests beside the code (`src/**\/*.test.ts`) of decisions and pure logic, with
 * fakes of recflow's own code only. No global set-up, no database, no Redis, no simulator, so
 * `pnpm test:unit` answers in seconds.
 */
export default defineProject({
  // NestJS dependency injection needs decorator metadata, which esbuild does not emit.
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { decoratorMetadata: true, legacyDecorator: true },
        target: 'es2022',
      },
    }),
  ],
  resolve: { alias: workspaceAliases },
  test: {
    name: 'server-unit',
    include: ['src/**/*.test.ts'],
    testTimeout: 5_000,
  },
});
