/** Tag rules: unique names, idempotent attach/detach, no delete while attached. */
import { Injectable } from '@nestjs/common';
import { ERROR_CODES, MAX_TAGS_PER_CHANNEL, type TagDto, type TagWithUsageDto } from '@recflow/contracts';
import { DatabaseHandle } from '../db/db.module';
import { isUniqueViolation } from '../db/pg-errors';
import { ConflictError, InvalidStateError, NotFoundError } from '../shared/errors';
import { toTagDto } from './channel.mapper';
import { TagRepository } from './tag.repository';

@Injectable()
export class TagService {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly tags: TagRepository,
  ) {}

  async list(): Promise<TagWithUsageDto[]> {
    const rows = await this.tags.listWithUsage();
    return rows.map((r) => ({ ...toTagDto(r), channelCount: r.channelCount }));
  }

  async create(body: { name: string; description?: string | null }): Promise<TagDto> {
    try {
      return toTagDto(await this.tags.insert(body));
    } catch (error) {
      throw this.nameConflict(error, body.name);
    }
  }

  async update(id: string, body: { name?: string; description?: string | null }): Promise<TagDto> {
    try {
      const row = await this.tags.update(id, body);
      if (!row) throw this.notFound(id);
      return toTagDto(row);
    } catch (error) {
      throw this.nameConflict(error, body.name);
    }
  }

  async remove(id: string): Promise<TagDto> {
    const result = await this.tags.deleteIfUnused(id);
    if ('inUse' in result) {
      throw new ConflictError(
        `The tag is attached to ${result.inUse} channel(s); detach it first`,
        ERROR_CODES.tag.inUse,
      );
    }
    if (!result.deleted) throw this.notFound(id);
    return toTagDto(result.deleted);
  }

  /** Attaching a tag the channel already has is a no-op answered with the tag, not a key violation. */
  async attach(channelId: string, tagName: string): Promise<TagDto> {
    return this.handle.database.db.transaction(async (tx) => {
      if (!(await this.tags.touchChannel(tx, channelId))) throw this.channelNotFound(channelId);
      const [tag] = await this.tags.ensureByNames(tx, [tagName]);
      if (!(await this.tags.attachWithin(tx, channelId, tag!.id, MAX_TAGS_PER_CHANNEL))) {
        throw new InvalidStateError(
          `Channel ${channelId} already has ${MAX_TAGS_PER_CHANNEL} tags, the most a channel may have; detach one first`,
          ERROR_CODES.channel.tooManyTags,
        );
      }
      return toTagDto(tag!);
    });
  }

  async detach(channelId: string, tagId: string): Promise<{ detached: boolean }> {
    return this.handle.database.db.transaction(async (tx) => {
      if (!(await this.tags.touchChannel(tx, channelId))) throw this.channelNotFound(channelId);
      return { detached: await this.tags.detach(tx, channelId, tagId) };
    });
  }

  private notFound(id: string) {
    return new NotFoundError(`No tag with id ${id}`, ERROR_CODES.tag.notFound);
  }

  private channelNotFound(id: string) {
    return new NotFoundError(`No channel with id ${id}`, ERROR_CODES.channel.notFound);
  }

  private nameConflict(error: unknown, name: string | undefined) {
    if (isUniqueViolation(error, 'channel_tag_name_key')) {
      return new ConflictError(`A tag named "${name}" already exists`, ERROR_CODES.tag.alreadyExists, [
        { field: 'body.name', message: 'already exists' },
      ]);
    }
    return error;
  }
}
