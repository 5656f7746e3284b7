import { ensureTemplateDatabase } from './template-database';

/** Builds the migrated template database once per test run. */
export default async function setup(): Promise<void> {
  await ensureTemplateDatabase();
}
