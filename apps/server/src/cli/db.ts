/**
 * Database commands for operators: `pnpm db:migrate`, `pnpm db:seed` (example grades and tags),
 * and `pnpm db:reset --yes` (wipes recflow's tables and its Redis keys, then migrates). Nothing
 * else in recflow ever deletes data on start-up.
 */
import 'reflect-metadata';
import { sql } from 'drizzle-orm';
import { openDatabase, openRedis, StartupError } from '../bootstrap';
import { AppConfig } from '../config/app-config';
import { ConfigError } from '../config/config.schema';
import type { Database } from '../db/database';
import { applyMigrations } from '../db/migrator';
import { channelGrade, channelTag } from '../db/schema';

const EXAMPLE_GRADES = [
  {
    name: 'great',
    shouldSave: true,
    shouldNotify: true,
    tier: 1,
    seq: 1,
    description: 'Always record and notify',
  },
  { name: 'good', shouldSave: true, shouldNotify: false, tier: 2, seq: 2, description: 'Always record' },
  {
    name: 'review',
    shouldSave: false,
    shouldNotify: false,
    tier: 3,
    seq: 4,
    description: 'Not recorded until reviewed',
  },
  { name: 'ignore', shouldSave: false, shouldNotify: false, tier: 3, seq: 5, description: 'Never recorded' },
];
const EXAMPLE_TAGS = ['talk', 'music', 'game', 'art', 'cooking', 'sports'];

async function seed(database: Database): Promise<void> {
  await database.db
    .insert(channelGrade)
    .values(EXAMPLE_GRADES)
    .onConflictDoNothing({ target: channelGrade.name });
  await database.db
    .insert(channelTag)
    .values(EXAMPLE_TAGS.map((name) => ({ name })))
    .onConflictDoNothing({ target: channelTag.name });
  console.log(
    `seeded ${EXAMPLE_GRADES.length} example grades and ${EXAMPLE_TAGS.length} tags (existing ones kept)`,
  );
}

async function reset(config: AppConfig, database: Database): Promise<void> {
  await database.db.execute(sql`drop schema if exists public cascade`);
  await database.db.execute(sql`drop schema if exists drizzle cascade`);
  await database.db.execute(sql`create schema public`);
  const redis = await openRedis(config);
  try {
    // The client adds the prefix to commands but not to SCAN patterns' results.
    const prefix = `${config.values.SERVER_REDIS_PREFIX}:`;
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) removed += await redis.del(...keys.map((k) => k.slice(prefix.length)));
      cursor = next;
    } while (cursor !== '0');
    console.log(`removed ${removed} Redis key(s) under "${prefix}"`);
  } finally {
    redis.disconnect();
  }
  await applyMigrations(database);
  console.log(`reset ${database.location}: schema recreated and migrated`);
}

async function main(command: string | undefined, args: string[]): Promise<void> {
  const config = AppConfig.fromEnv();
  if (command === 'reset' && !args.includes('--yes')) {
    throw new StartupError(
      "db:reset deletes every channel, live, node and criterion, and recflow's Redis keys. Run `pnpm db:reset --yes` to confirm.",
    );
  }
  if (!['migrate', 'seed', 'reset'].includes(command ?? '')) {
    throw new StartupError('usage: db.js migrate | seed | reset --yes');
  }
  const database = await openDatabase(config);
  try {
    if (command === 'reset') await reset(config, database);
    else await applyMigrations(database);
    if (command === 'seed') await seed(database);
    if (command === 'migrate') console.log(`migrations applied to ${database.location}`);
  } finally {
    await database.close();
  }
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof StartupError;
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
