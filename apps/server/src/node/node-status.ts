/**
 * A node's recordings as the node itself reports them, for operators. Each node is asked with its
 * own timeout; an unreachable node is reported as such, never as an error of the whole request.
 */

import { Injectable } from '@nestjs/common';
import type { NodeRecordings } from '@recflow/contracts';
import { ERROR_CODES } from '@recflow/contracts';
import { NotFoundError } from '../shared/errors';
import { RecnodeClient } from '../upstream/recnode/recnode.client';
import { NodeRepository } from './node.repository';

@Injectable()
export class NodeStatus {
  constructor(
    private readonly nodes: NodeRepository,
    private readonly recnode: RecnodeClient,
  ) {}

  async byName(name: string): Promise<NodeRecordings> {
    const row = await this.nodes.byName(name);
    if (!row) throw new NotFoundError(`No node named "${name}"`, ERROR_CODES.node.notFound);
    try {
      return {
        node: row.name,
        reachable: true,
        error: null,
        recordings: await this.recnode.recordings(row.endpoint),
      };
    } catch (error) {
      return { node: row.name, reachable: false, error: (error as Error).message, recordings: [] };
    }
  }
}
