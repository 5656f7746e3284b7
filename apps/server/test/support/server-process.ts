/** Runs the built server as a child process, as an operator would, for tests that kill and restart it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ApiClient } from './api-client';
import { waitFor } from './wait';

export const SERVER_MAIN = resolve(__dirname, '../../dist/main.js');

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

export class ServerProcess {
  private child: ChildProcess | undefined;
  readonly client: ApiClient;

  constructor(
    private readonly env: Record<string, string>,
    readonly port: number,
    /** How long a start may take before it counts as failed; raise it for tests that load the machine. */
    private readonly startTimeoutMs = 30_000,
  ) {
    this.client = new ApiClient(`http://127.0.0.1:${port}`);
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [SERVER_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        ...this.env,
        APP_HOST: '127.0.0.1',
        APP_PORT: String(this.port),
        LOG_LEVEL: 'error',
      },
      stdio: 'ignore',
    });
    await waitFor(async () => (await this.client.raw('GET', '/readyz')).status === 200, {
      timeoutMs: this.startTimeoutMs,
      intervalMs: 25,
      what: 'the server',
    });
  }

  /** Ends the process the hard way (SIGKILL): no shutdown hook runs. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
