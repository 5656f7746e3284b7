/** Node group rules: unique names, no delete while the group has nodes. */

import { Injectable } from '@nestjs/common';
import type { NodeGroupDto } from '@recflow/contracts';
import { ERROR_CODES } from '@recflow/contracts';
import { isUniqueViolation } from '../db/pg-errors';
import { ConflictError, NotFoundError } from '../shared/errors';
import { toNodeGroupDto } from './node.mapper';
import { NodeGroupRepository } from './node-group.repository';

@Injectable()
export class NodeGroupService {
  constructor(private readonly groups: NodeGroupRepository) {}

  async list(): Promise<NodeGroupDto[]> {
    return (await this.groups.list()).map((g) => toNodeGroupDto(g, g.nodeCount));
  }

  async create(body: { name: string; description?: string | null }): Promise<NodeGroupDto> {
    try {
      return toNodeGroupDto(await this.groups.insert(body), 0);
    } catch (error) {
      throw nameConflict(error, body.name);
    }
  }

  async update(id: string, body: { name?: string; description?: string | null }): Promise<NodeGroupDto> {
    try {
      if (!(await this.groups.update(id, body))) throw groupNotFound(id);
    } catch (error) {
      throw nameConflict(error, body.name);
    }
    const group = (await this.groups.find(id))!;
    return toNodeGroupDto(group, group.nodeCount);
  }

  async remove(id: string): Promise<NodeGroupDto> {
    const result = await this.groups.deleteIfEmpty(id);
    if ('inUse' in result) {
      throw new ConflictError(
        `The group has ${result.inUse} node(s); move or delete them first`,
        ERROR_CODES.nodeGroup.inUse,
      );
    }
    if (!result.deleted) throw groupNotFound(id);
    return toNodeGroupDto(result.deleted, 0);
  }
}

export function groupNotFound(id: string) {
  return new NotFoundError(`No node group with id ${id}`, ERROR_CODES.nodeGroup.notFound, [
    { field: 'body.groupId', message: 'no such group' },
  ]);
}

function nameConflict(error: unknown, name: string | undefined) {
  if (isUniqueViolation(error, 'node_group_name_key')) {
    return new ConflictError(
      `A node group named "${name}" already exists`,
      ERROR_CODES.nodeGroup.alreadyExists,
      [{ field: 'body.name', message: 'already exists' }],
    );
  }
  return error;
}
