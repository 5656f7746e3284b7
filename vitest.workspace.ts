// One Vitest project per package; each package's vitest.config.ts says how its tests run.
export default ['packages/contracts', 'packages/simulator', 'apps/server', 'apps/web'];
