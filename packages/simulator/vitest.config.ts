import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'simulator',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The protocol proof plays ten minutes of stream at 30x: about 20 s of real time.
    testTimeout: 60_000,
  },
});
