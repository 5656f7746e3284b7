/** Settings every package's Vitest project shares: workspace packages resolve to their TypeScript sources. */
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const workspaceAliases = {
  '@recflow/contracts': here('./packages/contracts/src/index.ts'),
  '@recflow/simulator': here('./packages/simulator/src/index.ts'),
};

/**
 * The swc options of every project that loads the server's code: NestJS dependency injection
 * needs decorator metadata, which esbuild does not emit.
 */
export const nestSwcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { decoratorMetadata: true, legacyDecorator: true },
    target: 'es2022',
  },
} as const;
