/** Runs the built server as a child process, as an operator would, for tests that kill and restart it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterEach } from 'vitest';
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

/** Lines of the server's output kept for a failing test to show. */
const OUTPUT_LINES = 200;

export class ServerProcess {
  private child: ChildProcess | undefined;
  private readonly output: string[] = [];
  /** Processes this object is stopping or killing, whose exit is expected. */
  private readonly ending = new WeakSet<ChildProcess>();
  readonly client: ApiClient;

  constructor(
    private readonly env: Record<string, string>,
    readonly port: number,
    /** How long a start may take before it counts as failed; raise it for tests that load the machine. */
    private readonly startTimeoutMs = 30_000,
  ) {
    this.client = new ApiClient(`http://127.0.0.1:${port}`, () => this.outputTail());
  }

  /** The last lines the server wrote (warnings and errors: it runs with LOG_LEVEL=warn), across restarts. */
  outputTail(lines = 60): string {
    return this.output.slice(-lines).join('\n') || '(nothing)';
  }

  private keep(chunk: Buffer): void {
    this.output.push(
      ...chunk
        .toString()
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    if (this.output.length > OUTPUT_LINES) this.output.splice(0, this.output.length - OUTPUT_LINES);
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [SERVER_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        ...this.env,
        APP_HOST: '127.0.0.1',
        APP_PORT: String(this.port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = this.child;
    child.stdout?.on('data', (chunk: Buffer) => this.keep(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk));
    // A server that dies on its own makes every later request fail with "fetch failed": say why.
    child.once('exit', (code, signal) => {
      if (this.ending.has(child)) return;
      process.stderr.write(
        `[server on port ${this.port}] exited by itself (code ${code}, signal ${signal}); last output:\n${this.outputTail()}\n`,
      );
    });
    try {
      await waitFor(async () => (await this.client.raw('GET', '/readyz')).status === 200, {
        timeoutMs: this.startTimeoutMs,
        intervalMs: 25,
        what: 'the server',
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}\nserver output:\n${this.outputTail()}`);
    }
  }

  /** Ends the process the hard way (SIGKILL): no shutdown hook runs. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    this.ending.add(child);
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    this.ending.add(child);
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Prints a server's last output under each failed test of the calling file, whatever failed (a
 * timeout waiting for the server, an assertion): the test's own message rarely says why.
 */
export function showServerOutputOnFailure(outputTail: () => string | undefined): void {
  afterEach(({ task }) => {
    if (task.result?.state === 'fail') console.log(`server output:\n${outputTail() ?? '(no server)'}`);
  });
}
