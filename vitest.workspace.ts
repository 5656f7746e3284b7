// One Vitest project per package; each package's vitest.config.ts says how its tests run.
// apps/server has two: its integration tests and its unit tier.
export default [
  'packages/contracts',
  'packages/simulator',
  'apps/server/vitest.config.ts',
  'apps/server/vitest.unit.config.ts',
  'apps/web',
];
