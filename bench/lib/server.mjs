/**
 * The built server and contracts, loaded the way production runs them (CommonJS from dist/), so a
 * benchmark measures the shipped code and not a copy of it. `pnpm bench` builds first.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_DIR = `${ROOT}apps/server/`;
const requireServer = createRequire(`${SERVER_DIR}package.json`);

/** A module of the built server, e.g. `serverModule('db/database.js')`. */
export function serverModule(path) {
  const file = `${SERVER_DIR}dist/${path}`;
  if (!existsSync(file)) throw new Error(`${file} is missing: build the server first (pnpm build)`);
  return requireServer(file);
}

/** A dependency as the server resolves it (pg, drizzle-orm, @recflow/contracts). */
export function serverDependency(name) {
  return requireServer(name);
}
