import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppConfig } from '../config/app-config';

/** Where the built dashboard is: WEB_DIST_DIR, or apps/web/dist beside this package. */
export function webDistDir(config: AppConfig): string | undefined {
  const dir = config.values.WEB_DIST_DIR ?? resolve(__dirname, '../../../web/dist');
  return existsSync(dir) ? dir : undefined;
}
