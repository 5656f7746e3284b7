/**
 * What the API shows of lives: rows with channel, stream (redacted), bound nodes and segment
 * counts from the recnode Redis; the detail adds each bound node's own view of the recording,
 * asked with the node's timeout so a dead node only marks its own entry unreachable.
 */

import { Injectable, Logger } from '@nestjs/common';
import type { LiveDetailDto, LiveDto, LiveNodeRecording, LiveQuery } from '@recflow/contracts';
import { ERROR_CODES } from '@recflow/contracts';
import { NotFoundError } from '../shared/errors';
import { RecnodeClient } from '../upstream/recnode/recnode.client';
import { RecnodeRedis } from '../upstream/recnode/recnode-redis';
import { toLiveDto } from './live.mapper';
import { type LiveRecord, LiveRepository } from './live.repository';

@Injectable()
export class LiveQueryService {
  private readonly logger = new Logger('LiveQuery');

  constructor(
    private readonly lives: LiveRepository,
    private readonly recnode: RecnodeClient,
    private readonly recnodeRedis: RecnodeRedis,
  ) {}

  async list(query: LiveQuery): Promise<LiveDto[]> {
    const records = await this.lives.records(this.lives.filter(query), query.limit);
    return this.withSegments(records, query.segments ?? true);
  }

  async get(id: string): Promise<LiveDetailDto> {
    const record = await this.lives.record(id);
    if (!record) throw new NotFoundError(`No live with id ${id}`, ERROR_CODES.live.notFound);
    const [dto] = await this.withSegments([record], true);
    const recordings = await Promise.all(
      record.nodes.map(async (node): Promise<LiveNodeRecording> => {
        try {
          const all = await this.recnode.recordings(node.endpoint);
          return {
            nodeId: node.id,
            node: node.name,
            reachable: true,
            error: null,
            recording: all.find((r) => r.id === id) ?? null,
          };
        } catch (error) {
          return {
            nodeId: node.id,
            node: node.name,
            reachable: false,
            error: (error as Error).message,
            recording: null,
          };
        }
      }),
    );
    return { ...dto!, recordings };
  }

  private async withSegments(records: LiveRecord[], wanted: boolean): Promise<LiveDto[]> {
    let counts: Array<LiveDto['segments']> = records.map(() => null);
    if (wanted && records.length > 0) {
      try {
        counts = await this.recnodeRedis.segmentCounts(records.map((r) => r.live.id));
      } catch (error) {
        // The list stays useful without the counts when the recnode Redis is unreachable.
        this.logger.warn(`segment counts unavailable: ${(error as Error).message}`);
      }
    }
    return records.map((record, i) => toLiveDto(record, counts[i] ?? null));
  }
}
