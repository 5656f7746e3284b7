/**
 * Publishes finish events to the SQS queue vodify reads. The body is validated against the
 * contract before it leaves (one malformed message can block a batch on vodify's side), and the
 * event's stable id travels as a message attribute, never in the body.
 */

import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FINISH_EVENT_ID_ATTRIBUTE, SqsFinishMessage } from '@recflow/contracts';
import { AppConfig } from '../../config/app-config';
import { UpstreamError } from '../../shared/errors';
import { UpstreamStats } from '../upstream-stats';
import { upstreamCall } from '../upstream-time';

export const SQS = 'sqs';

@Injectable()
export class SqsPublisher implements OnApplicationShutdown {
  private readonly client: SQSClient | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly stats: UpstreamStats,
  ) {
    const v = config.values;
    this.client = v.SQS_QUEUE_URL
      ? new SQSClient({
          region: v.SQS_REGION_NAME,
          endpoint: v.SQS_ENDPOINT,
          credentials: v.SQS_ACCESS_KEY
            ? { accessKeyId: v.SQS_ACCESS_KEY, secretAccessKey: v.SQS_SECRET_KEY! }
            : undefined,
        })
      : undefined;
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  async publish(eventId: string, body: unknown): Promise<void> {
    if (!this.client) throw new UpstreamError(SQS, 'SQS_QUEUE_URL is not set', 'unreachable');
    const message = SqsFinishMessage.parse(body);
    try {
      await upstreamCall(() =>
        this.client!.send(
          new SendMessageCommand({
            QueueUrl: this.config.values.SQS_QUEUE_URL,
            MessageBody: JSON.stringify(message),
            MessageAttributes: { [FINISH_EVENT_ID_ATTRIBUTE]: { DataType: 'String', StringValue: eventId } },
          }),
          { abortSignal: AbortSignal.timeout(this.config.values.HTTP_TIMEOUT_MS) },
        ),
      );
      this.stats.record(SQS, 'ok');
    } catch (error) {
      this.stats.record(SQS, 'unreachable');
      throw new UpstreamError(SQS, `SendMessage failed: ${(error as Error).message}`, 'unreachable');
    }
  }

  onApplicationShutdown(): void {
    this.client?.destroy();
  }
}
