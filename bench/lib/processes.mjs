/**
 * The simulator and the built recflow server as their own processes, as they run in production,
 * and a sampler of a process's CPU and memory from /proc.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ROOT } from './server.mjs';

async function waitUntil(check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline) throw new Error(`${what} did not start within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stopper(child) {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
}

async function json(url, method = 'GET', body) {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** `packages/simulator/dist/cli.js` with the given arguments; `control(method, path, body)` drives it. */
export async function startSimulatorProcess({ port, args = [] }) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [`${ROOT}packages/simulator/dist/cli.js`, '--port', String(port), ...args],
    { stdio: 'ignore' },
  );
  await waitUntil(async () => (await fetch(`${url}/control/state`)).ok, 'the simulator');
  const control = (method, path, body) => json(`${url}${path}`, method, body);
  return {
    url,
    pid: child.pid,
    control,
    env: await control('GET', '/control/config'),
    nodes: await control('GET', '/control/nodes'),
    stop: stopper(child),
  };
}

/** `apps/server/dist/main.js` with `env`, ready once `/readyz` answers 200; `api(method, path, body)` calls it. */
export async function startServerProcess({ port, env }) {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [`${ROOT}apps/server/dist/main.js`], {
    env: { PATH: process.env.PATH ?? '', ...env, APP_HOST: '127.0.0.1', APP_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitUntil(async () => (await fetch(`${url}/readyz`)).status === 200, 'recflow');
  return {
    url,
    pid: child.pid,
    api: (method, path, body) => json(`${url}${path}`, method, body),
    stop: stopper(child),
  };
}

const CLOCK_TICKS_PER_SEC = 100;

/** CPU (share of one core) and resident memory of `pid`, sampled every `everyMs` until `stop()`. */
export function sampleProcess(pid, everyMs = 1_000) {
  const read = () => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { at: Date.now(), ticks, rssMb: rssKb / 1024 };
  };
  const samples = [];
  let previous = read();
  const timer = setInterval(() => {
    try {
      const now = read();
      const cpu = (now.ticks - previous.ticks) / CLOCK_TICKS_PER_SEC / ((now.at - previous.at) / 1000);
      samples.push({ at: now.at, cpu, rssMb: now.rssMb });
      previous = now;
    } catch {
      clearInterval(timer);
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}
