/**
 * `pnpm bench [suite ...]`: runs the suites in bench/suites/ (all of them, or those named) one after
 * another and writes the reports to bench/results/. A suite is one module whose default export is
 * `{ name, title, run(ctx) }`; `run` returns `{ facts, timings, checks, sections }` (see
 * lib/report.mjs). Exits non-zero if a suite throws or one of its checks fails.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { writeReports } from './lib/report.mjs';
import { ROOT } from './lib/server.mjs';

const SUITES_DIR = `${ROOT}bench/suites/`;
const RESULTS_DIR = `${ROOT}bench/results/`;

async function loadSuites(names) {
  const files = readdirSync(SUITES_DIR)
    .filter((f) => f.endsWith('.mjs'))
    .sort();
  const suites = [];
  for (const file of files) {
    const { default: suite } = await import(pathToFileURL(`${SUITES_DIR}${file}`).href);
    suites.push(suite);
  }
  const unknown = names.filter((n) => !suites.some((s) => s.name === n));
  if (unknown.length > 0) {
    throw new Error(`unknown suite ${unknown.join(', ')}; known: ${suites.map((s) => s.name).join(', ')}`);
  }
  return names.length > 0 ? suites.filter((s) => names.includes(s.name)) : suites;
}

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'packages', 'drizzle'], {
      cwd: ROOT,
    }).toString();
    return dirty.trim() ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

function environment() {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    commit: gitCommit(),
  };
}

async function runSuite(suite, env) {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const log = (message) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
    console.log(`[${suite.name} ${seconds}s] ${message}`);
  };
  // Latencies mean little without knowing what else the machine was doing.
  const loadBefore = loadavg()[0];
  const base = { suite: suite.name, title: suite.title, startedAt, environment: env };
  const finish = () => ({
    durationMs: Math.round(performance.now() - started),
    load: { before: loadBefore, after: loadavg()[0] },
  });
  try {
    const result = await suite.run({ log });
    return { ...base, ...finish(), ...result };
  } catch (error) {
    log(`failed: ${error.stack ?? error}`);
    return { ...base, ...finish(), error: String(error.stack ?? error) };
  }
}

const suites = await loadSuites(process.argv.slice(2));
const env = environment();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const reports = [];
for (const suite of suites) reports.push(await runSuite(suite, env));

for (const path of writeReports(RESULTS_DIR, reports, stamp)) console.log(`report: ${path}`);
const failed = reports.filter((r) => r.error || r.checks?.some((c) => !c.ok));
for (const r of failed) {
  const checks = (r.checks ?? []).filter((c) => !c.ok).map((c) => c.name);
  console.log(`FAILED ${r.suite}: ${r.error ? 'error' : checks.join('; ')}`);
}
process.exitCode = failed.length > 0 ? 1 : 0;
