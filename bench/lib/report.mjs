/**
 * Turns suite results into the markdown and JSON reports under bench/results/. A suite returns
 * `{ facts, timings, checks, sections }`; the runner adds the suite name, times and environment.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function timingRow(t) {
  const target = t.targetP95 === undefined ? '' : `< ${t.targetP95}`;
  return [t.name, t.runs, t.p50, t.p95, t.max, target, t.note ?? ''];
}

export function renderMarkdown(report) {
  const parts = [`# ${report.title}`, ''];
  const env = report.environment;
  parts.push(
    `Suite \`${report.suite}\`, started ${report.startedAt}, took ${(report.durationMs / 1000).toFixed(1)} s ` +
      `on ${env.cpus} × ${env.cpuModel}, ${env.memoryGb} GB, Node ${env.node}, commit ${env.commit}; ` +
      `1-minute load average ${report.load.before.toFixed(2)} before, ${report.load.after.toFixed(2)} after.`,
    '',
  );
  if (report.error) parts.push('**Failed:**', '', '```', report.error, '```', '');
  if (report.facts?.length) {
    parts.push(
      table(
        ['', ''],
        report.facts.map((f) => [f.label, f.value]),
      ),
      '',
    );
  }
  if (report.timings?.length) {
    parts.push('## Latency (ms)', '');
    parts.push(
      table(['query', 'runs', 'p50', 'p95', 'max', 'target p95', 'note'], report.timings.map(timingRow)),
      '',
    );
  }
  if (report.checks?.length) {
    parts.push('## Checks', '');
    for (const c of report.checks)
      parts.push(`- ${c.ok ? 'pass' : '**FAIL**'}: ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
    parts.push('');
  }
  for (const s of report.sections ?? []) parts.push(`## ${s.title}`, '', s.body, '');
  return parts.join('\n');
}

/** Writes `<suite>-<stamp>.md|json` per suite and `latest.md|json` for the whole run. */
export function writeReports(dir, reports, stamp) {
  mkdirSync(dir, { recursive: true });
  const written = [];
  for (const report of reports) {
    const base = join(dir, `${report.suite}-${stamp}`);
    writeFileSync(`${base}.md`, renderMarkdown(report));
    writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    written.push(`${base}.md`);
  }
  writeFileSync(join(dir, 'latest.md'), reports.map(renderMarkdown).join('\n---\n\n'));
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(reports, null, 2)}\n`);
  return written;
}
