/**
 * Read-only listing of the S3 bucket recnode uploads to (vodify later converts the tars under
 * `incomplete/{platform}/{uid}/{videoName}/` into a video). recflow never writes there; the listing lets an
 * operator see what a recording left behind. Without S3_BUCKET the listing is simply off.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { RecordingObject } from '@recflow/contracts';
import { AppConfig } from '../../config/app-config';
import { UpstreamError } from '../../shared/errors';
import { UpstreamStats } from '../upstream-stats';
import { upstreamCall } from '../upstream-time';

export const S3 = 's3';

/** More than a day of 2-second segments in one recording; a listing stops there rather than run unbounded. */
export const MAX_LISTED_OBJECTS = 50_000;

@Injectable()
export class S3Objects implements OnApplicationShutdown {
  private readonly client: S3Client | undefined;
  readonly bucket: string | null;

  constructor(
    private readonly config: AppConfig,
    private readonly stats: UpstreamStats,
  ) {
    const v = config.values;
    this.bucket = v.S3_BUCKET ?? null;
    this.client = v.S3_BUCKET
      ? new S3Client({
          region: v.S3_REGION_NAME,
          endpoint: v.S3_ENDPOINT,
          // S3-compatible servers (MinIO, emulators) rarely resolve bucket subdomains.
          forcePathStyle: v.S3_ENDPOINT !== undefined,
          credentials: v.S3_ACCESS_KEY
            ? { accessKeyId: v.S3_ACCESS_KEY, secretAccessKey: v.S3_SECRET_KEY! }
            : undefined,
          maxAttempts: 2,
        })
      : undefined;
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  /** Every object under the prefix, by key, following continuation tokens. */
  async list(prefix: string): Promise<RecordingObject[]> {
    const client = this.client;
    if (!client) throw new UpstreamError(S3, 'S3_BUCKET is not set', 'unreachable');
    const objects: RecordingObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.page(client, prefix, token);
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined) continue;
        objects.push({
          key: o.Key,
          size: o.Size ?? 0,
          lastModified: (o.LastModified ?? new Date(0)).toISOString(),
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token && objects.length < MAX_LISTED_OBJECTS);
    return objects;
  }

  private async page(client: S3Client, prefix: string, token: string | undefined) {
    try {
      const page = await upstreamCall(() =>
        client.send(
          new ListObjectsV2Command({ Bucket: this.bucket!, Prefix: prefix, ContinuationToken: token }),
          { abortSignal: AbortSignal.timeout(this.config.values.HTTP_TIMEOUT_MS) },
        ),
      );
      this.stats.record(S3, 'ok');
      return page;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      this.stats.record(S3, status ? 'status' : 'unreachable');
      throw new UpstreamError(
        S3,
        `listing s3://${this.bucket}/${prefix} failed: ${(error as Error).name}: ${(error as Error).message}`,
        status ? 'status' : 'unreachable',
        status,
      );
    }
  }

  onApplicationShutdown(): void {
    this.client?.destroy();
  }
}
