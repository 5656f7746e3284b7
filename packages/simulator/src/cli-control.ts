/**
 * `recflow-sim <command>`: changes a running simulator through its control API.
 *
 *   state | nodes | ledger <liveId>
 *   fault kill-node <node> [--hang]        fault revive-node <node>
 *   fault slow-node <node> <ms>            fault slow-downloads <node> <simulated ms>
 *   fault fail-node <node> [status]        fault heal-node <node>
 *   fault cut-redis <node>                 fault restore-redis <node>
 *   fault restart-stream <platform> <sourceId> [--continue]
 *   fault stale-stream | resume-stream <platform> <sourceId>
 *   fault drop-stream <platform> <sourceId> [404|410]
 *   fault stlink-access <platform> <sourceId> <open|needs_auth|standby|auto|blocked:overseas,...>
 *   fault streamq | stlink <none|garbage|wrong_shape|hang|status <code>|slow <ms>>
 *   fault reset
 */

type Call = { method: string; path: string; body?: unknown };

function need(value: string | undefined, what: string): string {
  if (!value) throw new Error(`missing ${what}`);
  return value;
}

function serviceFault(args: string[]): unknown {
  const [mode, value] = args;
  if (mode === 'status') return { mode, status: Number(need(value, 'status code')) };
  if (mode === 'slow') return { mode, delayMs: Number(need(value, 'delay ms')) };
  return { mode: need(mode, 'fault mode') };
}

function accessRule(text: string): unknown {
  if (text.startsWith('blocked:')) return { mode: 'blocked', routes: text.slice(8).split(',') };
  return { mode: text };
}

const node = (args: string[]) => `/control/nodes/${encodeURIComponent(need(args[0], 'node name'))}`;
const stream = (args: string[]) =>
  `/control/channels/${need(args[0], 'platform')}/${encodeURIComponent(need(args[1], 'source id'))}`;

const FAULTS: Record<string, (args: string[]) => Call[]> = {
  'kill-node': (a) => [
    { method: 'POST', path: `${node(a)}/kill`, body: { mode: a.includes('--hang') ? 'hang' : 'reset' } },
  ],
  'revive-node': (a) => [{ method: 'POST', path: `${node(a)}/revive` }],
  'slow-node': (a) => [
    {
      method: 'POST',
      path: `${node(a)}/api-fault`,
      body: { mode: 'slow', delayMs: Number(need(a[1], 'ms')) },
    },
  ],
  'slow-downloads': (a) => [
    { method: 'POST', path: `${node(a)}/download-delay`, body: { delayMs: Number(need(a[1], 'ms')) } },
  ],
  'fail-node': (a) => [
    { method: 'POST', path: `${node(a)}/api-fault`, body: { mode: 'status', status: Number(a[1] ?? 500) } },
  ],
  'heal-node': (a) => [
    { method: 'POST', path: `${node(a)}/api-fault`, body: { mode: 'none' } },
    { method: 'POST', path: `${node(a)}/download-delay`, body: { delayMs: 0 } },
    { method: 'POST', path: `${node(a)}/redis-restore` },
  ],
  'cut-redis': (a) => [{ method: 'POST', path: `${node(a)}/redis-cut` }],
  'restore-redis': (a) => [{ method: 'POST', path: `${node(a)}/redis-restore` }],
  'restart-stream': (a) => [
    {
      method: 'POST',
      path: `${stream(a)}/stream/restart`,
      body: { numbering: a.includes('--continue') ? 'continue' : 'reset' },
    },
  ],
  'stale-stream': (a) => [{ method: 'POST', path: `${stream(a)}/stream/stale` }],
  'resume-stream': (a) => [{ method: 'POST', path: `${stream(a)}/stream/resume` }],
  'drop-stream': (a) => [
    { method: 'POST', path: `${stream(a)}/stream/drop`, body: { status: Number(a[2] ?? 404) } },
  ],
  'stlink-access': (a) => [
    { method: 'PUT', path: `${stream(a)}/stlink`, body: accessRule(need(a[2], 'access rule')) },
  ],
  streamq: (a) => [{ method: 'PUT', path: '/control/faults/streamq', body: serviceFault(a) }],
  stlink: (a) => [{ method: 'PUT', path: '/control/faults/stlink', body: serviceFault(a) }],
  reset: () => [{ method: 'DELETE', path: '/control/faults' }],
};

export const COMMANDS: Record<string, (args: string[]) => Call[]> = {
  state: () => [{ method: 'GET', path: '/control/state' }],
  nodes: () => [{ method: 'GET', path: '/control/nodes' }],
  ledger: (a) => [{ method: 'GET', path: `/control/ledger/${encodeURIComponent(need(a[0], 'live id'))}` }],
  fault: (a) => {
    const build = FAULTS[need(a[0], 'fault name')];
    if (!build) throw new Error(`unknown fault ${a[0]}; one of ${Object.keys(FAULTS).join(', ')}`);
    return build(a.slice(1));
  },
};

export async function runControlCommand(argv: string[], url = 'http://127.0.0.1:7900'): Promise<void> {
  const [command, ...args] = argv;
  const calls = COMMANDS[command!]!(args.filter((a, i) => a !== '--url' && args[i - 1] !== '--url'));
  for (const call of calls) {
    const res = await fetch(`${url}${call.path}`, {
      method: call.method,
      headers: call.body === undefined ? {} : { 'content-type': 'application/json' },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${call.method} ${call.path} answered ${res.status}: ${text}`);
    console.log(text);
  }
}
