/**
 * What the Recordings page shows: finished lives with their outcome, finish event and loss report,
 * and the objects each left in S3.
 */

import { Injectable } from '@nestjs/common';
import type { RecordingObjects, RecordingPage, RecordingQuery } from '@recflow/contracts';
import { ERROR_CODES } from '@recflow/contracts';
import { NotFoundError } from '../shared/errors';
import { S3Objects } from '../upstream/s3/s3-objects';
import { toRecordingDto } from './recording.mapper';
import { RecordingRepository } from './recording.repository';

@Injectable()
export class RecordingCatalog {
  constructor(
    private readonly recordings: RecordingRepository,
    private readonly s3: S3Objects,
  ) {}

  async list(query: RecordingQuery): Promise<RecordingPage> {
    const [rows, total] = await Promise.all([this.recordings.page(query), this.recordings.total(query)]);
    return { items: rows.map(toRecordingDto), total };
  }

  /** The prefix recnode uploads a live's tars under, which is where vodify reads them from. */
  async objects(liveId: string): Promise<RecordingObjects> {
    const location = await this.recordings.location(liveId);
    if (!location) throw new NotFoundError(`No live with id ${liveId}`, ERROR_CODES.recording.notFound);
    if (location.status !== 'deleted') {
      throw new NotFoundError(
        `Live ${liveId} is ${location.status}: it is a recording only once it has finished`,
        ERROR_CODES.recording.notFinished,
      );
    }
    const prefix = `incomplete/${location.platform}/${location.sourceId}/${location.videoName}/`;
    if (!this.s3.configured) return { configured: false, bucket: null, prefix, objects: [] };
    const objects = await this.s3.list(prefix);
    return { configured: true, bucket: this.s3.bucket, prefix, objects };
  }
}
