/**
 * untf, the notification service: `POST /untf/api/send/v1` with a Bearer key and
 * `{topic, message}`. The simulator keeps every accepted message so tests can read what recflow
 * sent; faults make it fail or hang like a real outage.
 */
import { z } from 'zod';
import { HttpError, type Router, sendJson } from '../http';

export const DEFAULT_UNTF_KEY = 'sim-untf-key';

const SendBody = z.object({ topic: z.string().min(1), message: z.string().min(1) }).strict();

export interface Notification {
  topic: string;
  message: string;
  receivedAt: Date;
}

export class UntfInbox {
  readonly messages: Notification[] = [];

  constructor(readonly apiKey: string) {}

  /** Messages received so far whose text contains `text`. */
  find(text: string): Notification[] {
    return this.messages.filter((m) => m.message.includes(text));
  }

  clear(): void {
    this.messages.length = 0;
  }
}

export function untfRoutes(router: Router, inbox: UntfInbox): Router {
  router.on('POST', '/untf/api/send/v1', (req, res) => {
    if (req.headers.authorization !== `Bearer ${inbox.apiKey}`) throw new HttpError(401, 'invalid api key');
    const body = SendBody.safeParse(req.body);
    if (!body.success)
      throw new HttpError(400, body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    inbox.messages.push({ ...body.data, receivedAt: new Date() });
    sendJson(res, 200, { ok: true });
  });
  return router;
}

/** `GET /control/untf` (what was received), `DELETE /control/untf` (forget it). */
export function untfControlRoutes(router: Router, inbox: UntfInbox): Router {
  router.on('GET', '/control/untf', (_req, res) => sendJson(res, 200, inbox.messages));
  router.on('DELETE', '/control/untf', (_req, res) => {
    inbox.clear();
    sendJson(res, 200, { cleared: true });
  });
  return router;
}
