/**
 * untf notifications, fire and forget: `notify` returns at once; the send
 * happens in the background with a timeout, and failures are logged and counted, never thrown.
 * At most MAX_IN_FLIGHT sends run at once; beyond that a message is dropped (and counted) rather
 * than piling up behind a dead notifier. Without UNTF_ENDPOINT messages are only logged.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { UpstreamStats } from '../upstream-stats';

export const UNTF = 'untf';
const MAX_IN_FLIGHT = 50;

@Injectable()
export class Notifier {
  private readonly logger = new Logger('Notifier');
  private inFlight = 0;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly stats: UpstreamStats,
  ) {}

  notify(message: string): void {
    const { UNTF_ENDPOINT } = this.config.values;
    if (!UNTF_ENDPOINT) {
      this.logger.log(`notification (untf not configured): ${message}`);
      return;
    }
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.stats.record(UNTF, 'dropped');
      this.logger.warn(`notification dropped, ${MAX_IN_FLIGHT} already in flight: ${message}`);
      return;
    }
    this.inFlight++;
    const sending = this.send(UNTF_ENDPOINT, message).finally(() => {
      this.inFlight--;
      this.pending.delete(sending);
    });
    this.pending.add(sending);
  }

  /** Resolves when every notification sent so far has been delivered or has failed (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async send(endpoint: string, message: string): Promise<void> {
    const { UNTF_API_KEY, UNTF_TOPIC, HTTP_TIMEOUT_MS } = this.config.values;
    try {
      const response = await fetch(`${endpoint}/api/send/v1`, {
        method: 'POST',
        headers: { authorization: `Bearer ${UNTF_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ topic: UNTF_TOPIC, message }),
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
      await response.body?.cancel();
      if (!response.ok) {
        this.stats.record(UNTF, 'status');
        this.logger.warn(`Notification failure (answered ${response.status}): ${message}`);
        return;
      }
      this.stats.record(UNTF, 'ok');
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      this.stats.record(UNTF, timedOut ? 'timeout' : 'unreachable');
      this.logger.warn(`Notification failure (${(error as Error).message}): ${message}`);
    }
  }
}
