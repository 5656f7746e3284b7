/**
 * recnode's HTTP API for one node: Bearer token on every route (401 with `{"detail": ...}`), `"ok"`
 * bodies, recnode's own 404/422 details, FastAPI's 422 with a `detail` array for a malformed query
 * (the look-alike recflow must tell apart), and its generic 500 for an unhandled exception.
 */
import { RecnodeHealth, RecnodeOk } from '@recflow/contracts';
import type { z } from 'zod';
import { type Request, Router, sendJson, sendText } from '../http';
import type { RecnodeNode } from './node';

/** The 401 of a missing or wrong token, or null when the request may pass. */
export function authFailure(req: Request, token: string): string | null {
  const header = req.headers.authorization;
  if (!header) return 'Not authenticated';
  if (header !== `Bearer ${token}`) return 'Invalid api token';
  return null;
}

function metrics(node: RecnodeNode): string {
  const counts = node.statusCounts();
  const lines = [
    '# HELP recnode_recordings Recordings on this node by status',
    '# TYPE recnode_recordings gauge',
  ];
  for (const [status, count] of Object.entries(counts))
    lines.push(`recnode_recordings{status="${status}"} ${count}`);
  return `${lines.join('\n')}\n`;
}

/** recnode's answer to an unhandled exception: `500 {message, method, url, stacktrace}`. */
function unhandled(req: Request, message: string) {
  return {
    message,
    method: req.method,
    url: `${req.path}${req.query.size > 0 ? `?${req.query}` : ''}`,
    stacktrace: `Traceback (most recent call last):\n  ...\nRuntimeError: ${message}`,
  };
}

export function nodeApiRoutes(node: RecnodeNode): Router {
  const router = new Router();
  router.on('POST', '/api/recordings/:id', async (req, res) => {
    const outcome = await node.start(req.params.id!);
    if (outcome.ok) return sendJson(res, 200, 'ok' satisfies z.infer<typeof RecnodeOk>);
    sendJson(res, outcome.status, { detail: outcome.detail });
  });
  router.on('DELETE', '/api/recordings/:id', async (req, res) => {
    const outcome = await node.cancel(req.params.id!);
    if (outcome.ok) return sendJson(res, 200, 'ok' satisfies z.infer<typeof RecnodeOk>);
    sendJson(res, outcome.status, { detail: outcome.detail });
  });
  router.on('GET', '/api/recordings', async (req, res) => {
    // recnode reads only the names it knows from `fields` and ignores the rest.
    const fields = (req.query.get('fields') ?? '').split(',').filter((f) => f !== '');
    if (node.condition.listDelayMs > 0) await new Promise((r) => setTimeout(r, node.condition.listDelayMs));
    // recnode builds the list while its monitor thread deletes finished recorders from the same
    // map; the race surfaces as its generic 500 (rwiv/recnode recnode/recorder/manager/recording_scheduler.py).
    if (node.listFails())
      return sendJson(res, 500, unhandled(req, 'dictionary changed size during iteration'));
    if (fields.includes('full_stats') && node.downloading) {
      return sendJson(res, 500, unhandled(req, 'full_stats unavailable while a segment is downloading'));
    }
    const withStats = fields.includes('stats') || fields.includes('full_stats');
    sendJson(res, 200, { recordings: node.list(withStats) });
  });
  router.on('GET', '/api/health', (_req, res) =>
    sendJson(res, 200, { status: 'UP' } satisfies z.infer<typeof RecnodeHealth>),
  );
  router.on('GET', '/metrics', (_req, res) => sendText(res, 200, metrics(node), 'text/plain; version=0.0.4'));
  return router;
}
