/** Settings every package's Vitest project shares: workspace packages resolve to their TypeScript sources. */
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const workspaceAliases = {
  '@recflow/contracts': here('./packages/contracts/src/index.ts'),
  '@recflow/simulator': here('./packages/simulator/src/index.ts'),
};
