/**
 * Throwaway Redis and PostgreSQL servers of one test file, on free loopback ports, that the test may
 * stop and start at will — the machine's shared servers serve other tests and are never touched.
 * Redis keeps nothing across a restart (`--save "" --appendonly no`), as a cache node that restarts
 * empty. PostgreSQL keeps its data directory, as a database that restarts. As root, PostgreSQL runs
 * as the `postgres` user (initdb refuses root), in a directory that user owns.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../support/server-process';
import { waitFor } from '../support/wait';

const PG_BIN = '/usr/lib/postgresql/15/bin';

abstract class DisposableServer {
  protected child: ChildProcess | undefined;

  protected constructor(readonly port: number) {}

  protected abstract launch(): ChildProcess;
  protected abstract answers(): Promise<boolean>;

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const child = this.launch();
    this.child = child;
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    await waitFor(async () => (exited ? Promise.reject(new Error('it exited')) : this.answers()), {
      timeoutMs: 30_000,
      intervalMs: 50,
      what: `${this.constructor.name} on port ${this.port}`,
    });
  }

  /** Stops the server (its fast shutdown: clients are disconnected at once). */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }
}

export class DisposableRedis extends DisposableServer {
  static async create(): Promise<DisposableRedis> {
    const redis = new DisposableRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  protected launch(): ChildProcess {
    return spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
  }

  protected async answers(): Promise<boolean> {
    try {
      const out = execFileSync('redis-cli', ['-p', String(this.port), 'ping'], {
        timeout: 2_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return out.toString().trim() === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.stop('SIGTERM');
  }
}

export class DisposablePostgres extends DisposableServer {
  private constructor(
    port: number,
    private readonly dir: string,
    private readonly user: { uid: number; gid: number } | undefined,
  ) {
    super(port);
  }

  static async create(): Promise<DisposablePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'recflow-pg-'));
    const user = process.getuid?.() === 0 ? postgresUser() : undefined;
    if (user) chownSync(dir, user.uid, user.gid);
    execFileSync(join(PG_BIN, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres'], {
      stdio: 'ignore',
      ...(user ?? {}),
    });
    const pg = new DisposablePostgres(await freePort(), dir, user);
    await pg.start();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  protected launch(): ChildProcess {
    return spawn(
      join(PG_BIN, 'postgres'),
      [
        ...['-D', join(this.dir, 'data'), '-p', String(this.port), '-k', this.dir],
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=50'],
      ],
      { stdio: 'ignore', ...(this.user ?? {}) },
    );
  }

  protected async answers(): Promise<boolean> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.stop('SIGINT');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function postgresUser(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}
