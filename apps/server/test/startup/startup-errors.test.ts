import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Runs the built server (the root `pnpm test` builds first) as an operator would start it.
const MAIN = resolve(__dirname, '../../dist/main.js');

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe.runIf(existsSync(MAIN))('start-up problems', () => {
  it('lists every bad setting, one line each, and exits 1', () => {
    const { code, stderr } = start({ APP_PORT: 'x', LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    expect(stderr).toContain('APP_PORT: must be a number (got "x")');
    expect(stderr).toMatch(/LOG_LEVEL: .*\(got "loud"\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names an unreachable PostgreSQL and says how to start it, without a stack trace', () => {
    const { code, stderr } = start({ DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/recflow' });
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot reach PostgreSQL at postgres://postgres:***@127.0.0.1:1/recflow');
    expect(stderr).toContain('Start it');
    expect(stderr).not.toContain('secret');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names an unreachable Redis and says how to start it', () => {
    const { code, stderr } = start({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      SERVER_REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot reach Redis at redis://127.0.0.1:1');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
