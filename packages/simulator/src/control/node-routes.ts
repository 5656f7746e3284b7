/**
 * Control of the simulated recnode nodes (kill, revive, slow, failing, cut from Redis) and the
 * ledger's reports: `/control/nodes[/{name}/...]` and `/control/ledger/{liveId}`.
 */
import { z } from 'zod';
import { type Router, sendJson } from '../http';
import type { Ledger } from '../ledger';
import type { NodeFleet } from '../recnode/fleet';
import type { RecnodeNode } from '../recnode/node';
import { FaultBody, parse } from './parse';

const KillBody = z.object({ mode: z.enum(['reset', 'hang']).default('reset') });
const DelayBody = z.object({ delayMs: z.number().int().min(0) });

function describe(node: RecnodeNode) {
  return {
    name: node.name,
    group: node.group,
    endpoint: node.endpoint,
    condition: node.condition,
    recordings: node.statusCounts(),
  };
}

export function nodeRoutes(router: Router, fleet: NodeFleet, ledger: Ledger): Router {
  const nodeOf = (name: string | undefined) => fleet.must(name ?? '');
  const act = (path: string, body: (node: RecnodeNode, input: unknown) => void) =>
    router.on('POST', `/control/nodes/:name/${path}`, (req, res) => {
      const node = nodeOf(req.params.name);
      body(node, req.body);
      sendJson(res, 200, describe(node));
    });

  router.on('GET', '/control/nodes', (_req, res) => {
    sendJson(res, 200, fleet.all().map(describe));
  });
  router.on('GET', '/control/nodes/:name', (req, res) =>
    sendJson(res, 200, describe(nodeOf(req.params.name))),
  );
  act('kill', (node, input) => node.kill(parse(KillBody, input).mode));
  act('revive', (node) => node.revive());
  act('api-fault', (node, input) => {
    node.condition.api = parse(FaultBody, input);
  });
  act('download-delay', (node, input) => {
    node.condition.downloadDelayMs = parse(DelayBody, input).delayMs;
  });
  act('redis-cut', (node) => {
    node.condition.redisCut = true;
  });
  act('redis-restore', (node) => {
    node.condition.redisCut = false;
  });
  router.on('GET', '/control/ledger/:liveId', (req, res) =>
    sendJson(res, 200, ledger.report(req.params.liveId!)),
  );
  return router;
}
