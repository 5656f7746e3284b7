/** Node rules: unique names, an existing group, no delete while lives are bound. */

import { Injectable } from '@nestjs/common';
import type { CreateNodeBody, NodeDto, UpdateNodeBody } from '@recflow/contracts';
import { ERROR_CODES } from '@recflow/contracts';
import { eq } from 'drizzle-orm';
import { asPgError, isUniqueViolation, PG_FOREIGN_KEY_VIOLATION } from '../db/pg-errors';
import { node } from '../db/schema';
import { ConflictError, NotFoundError } from '../shared/errors';
import { toNodeDto } from './node.mapper';
import { NodeRepository } from './node.repository';
import { groupNotFound } from './node-group.service';

@Injectable()
export class NodeService {
  constructor(private readonly nodes: NodeRepository) {}

  async list(groupId?: string): Promise<NodeDto[]> {
    return (await this.nodes.records(groupId ? eq(node.groupId, groupId) : undefined)).map(toNodeDto);
  }

  async get(id: string): Promise<NodeDto> {
    const record = await this.nodes.record(id);
    if (!record) throw nodeNotFound(id);
    return toNodeDto(record);
  }

  async create(body: CreateNodeBody): Promise<NodeDto> {
    try {
      const row = await this.nodes.insert(body);
      return this.get(row.id);
    } catch (error) {
      throw translate(error, body);
    }
  }

  async update(id: string, body: UpdateNodeBody): Promise<NodeDto> {
    try {
      if (!(await this.nodes.update(id, body))) throw nodeNotFound(id);
    } catch (error) {
      throw translate(error, body);
    }
    return this.get(id);
  }

  async remove(id: string): Promise<NodeDto> {
    const record = await this.nodes.record(id);
    if (!record) throw nodeNotFound(id);
    const result = await this.nodes.deleteIfIdle(id);
    if ('inUse' in result) {
      throw new ConflictError(
        `Node "${record.node.name}" records ${result.inUse} live(s); drain it or wait for them to end before deleting it`,
        ERROR_CODES.node.inUse,
      );
    }
    return toNodeDto(record);
  }
}

export function nodeNotFound(id: string) {
  return new NotFoundError(`No node with id ${id}`, ERROR_CODES.node.notFound);
}

function translate(error: unknown, body: { name?: string; groupId?: string }) {
  if (isUniqueViolation(error, 'node_name_key')) {
    return new ConflictError(`A node named "${body.name}" already exists`, ERROR_CODES.node.alreadyExists, [
      { field: 'body.name', message: 'already exists' },
    ]);
  }
  if (asPgError(error)?.code === PG_FOREIGN_KEY_VIOLATION && body.groupId) return groupNotFound(body.groupId);
  return error;
}
