/**
 * Forgetting a live (the original's `delete` command, made explicit: on an active live it quietly
 * left the recorders running). A finished or failed live is marked deleted or purged. An active
 * live is refused unless the caller says the delete is metadata-only: recflow then stops tracking
 * it, while its recorders keep running until the broadcast ends and their files are never handed
 * to post-processing — the answer names them.
 */
import { Injectable, Logger } from '@nestjs/common';
import {
  ACTIVE_STATUSES,
  type DeleteLiveBody,
  type DeleteLiveResult,
  ERROR_CODES,
  LIVE_STATUSES,
} from '@recflow/contracts';
import { ConflictError, NotFoundError } from '../shared/errors';
import { LiveRepository } from './live.repository';
import { LiveNodeRepository } from './live-node.repository';
import { LiveQueryService } from './live-query';

@Injectable()
export class LiveDeleter {
  private readonly logger = new Logger('LiveDeleter');

  constructor(
    private readonly lives: LiveRepository,
    private readonly bindings: LiveNodeRepository,
    private readonly query: LiveQueryService,
  ) {}

  async remove(body: DeleteLiveBody): Promise<DeleteLiveResult> {
    const id = body.recordId;
    const record = await this.lives.record(id);
    if (!record) throw new NotFoundError(`No live with id ${id}`, ERROR_CODES.live.notFound);
    const active = ACTIVE_STATUSES.includes(record.live.status);
    const nodes = record.nodes.map((n) => n.name);
    if (active && !body.metadataOnly) {
      throw new ConflictError(
        `Live ${id} is still ${record.live.status}${nodes.length ? ` on ${nodes.join(', ')}` : ''}. Deleting it only forgets ` +
          "recflow's record: the recorders keep running until the broadcast ends and their files are never sent to " +
          'post-processing. Repeat with "metadataOnly": true to do that anyway.',
        ERROR_CODES.live.active,
      );
    }
    const recordersLeftRunning = active ? nodes : [];
    if (active) await this.bindings.unbind(id);
    if (body.isPurge) {
      await this.lives.purge(id);
    } else {
      await this.lives.markDeleted(id);
    }
    if (active)
      this.logger.warn(
        `Live ${id} deleted as metadata only; still recording on ${nodes.join(', ') || 'no node'}`,
      );
    if (body.isPurge) return { live: null, purged: true, recordersLeftRunning, finishing: false };
    const [live] = await this.query.list({ ids: [id], status: [...LIVE_STATUSES], limit: 1 });
    return { live: live ?? null, purged: false, recordersLeftRunning, finishing: false };
  }
}
