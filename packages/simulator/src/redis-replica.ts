/**
 * A real Redis replica of the recnode Redis, for tests and the demo: a second `redis-server`
 * started with `--replicaof` on a loopback port. recnode reads segment sets, segment states and a
 * joining node's LiveState from a replica, so its lag is part of the world recflow lives in.
 * `lag(ms)` holds the replication stream back for a while (`CLIENT PAUSE … WRITE` on the replica:
 * its readers still get answers, only older ones).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface RedisReplica {
  /** `redis://127.0.0.1:{port}`. */
  url: string;
  port: number;
  /** Replication is held back for `ms` real milliseconds from now. */
  lag(ms: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function linkUp(client: Redis, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const info = await client.info('replication').catch(() => '');
    if (info.includes('master_link_status:up')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('simulator: the Redis replica did not finish its first sync in time');
}

/** Starts a replica of `master` (host:port) and waits for its first full sync. */
export async function startRedisReplica(
  master: { host: string; port: number } = { host: '127.0.0.1', port: 6379 },
  command = 'redis-server',
): Promise<RedisReplica> {
  const port = await freePort();
  // A replica writes the master's full-sync snapshot to its directory whatever `--save` says: keep
  // it in a directory of its own, removed with the replica.
  const dir = mkdtempSync(join(tmpdir(), 'recflow-replica-'));
  const child: ChildProcess = spawn(
    command,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--replicaof',
      master.host,
      String(master.port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`simulator: cannot start ${command}: ${error.message}`))),
  );
  const admin = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  try {
    await Promise.race([linkUp(admin, Date.now() + 30_000), spawnFailed]);
  } catch (error) {
    admin.disconnect();
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    lag: async (ms) => {
      await admin.call('CLIENT', 'PAUSE', String(Math.max(1, Math.round(ms))), 'WRITE');
    },
    stop: async () => {
      admin.disconnect();
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
