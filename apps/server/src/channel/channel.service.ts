/** Channel use cases: look up, create from the platform profile, update, delete. */
import { Injectable } from '@nestjs/common';
import {
  type ChannelDto,
  type ChannelPage,
  type ChannelQuery,
  type CreateChannelBody,
  DEFAULT_GRADE_NAME,
  ERROR_CODES,
  type PlatformName,
  type UpdateChannelBody,
} from '@recflow/contracts';
import { DatabaseHandle } from '../db/db.module';
import { asPgError, isUniqueViolation, PG_FOREIGN_KEY_VIOLATION } from '../db/pg-errors';
import { ConflictError, NotFoundError } from '../shared/errors';
import { StreamqClient } from '../upstream/streamq/streamq.client';
import { type GradeRow, type PlatformRow, toChannelDto } from './channel.mapper';
import { type ChannelPatch, ChannelRepository } from './channel.repository';
import { ChannelQueryRepository } from './channel-query.repository';
import { FollowedChannels } from './followed-channels';
import { GradeRepository } from './grade.repository';
import { PlatformRepository } from './platform.repository';
import { TagRepository } from './tag.repository';

export interface NewChannel {
  platform: PlatformRow;
  sourceId: string;
  grade: GradeRow;
  isFollowed: boolean;
  overseasFirst?: boolean;
  description?: string | null;
  tagNames: string[];
}

@Injectable()
export class ChannelService {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly channels: ChannelRepository,
    private readonly search: ChannelQueryRepository,
    private readonly platforms: PlatformRepository,
    private readonly grades: GradeRepository,
    private readonly tags: TagRepository,
    private readonly streamq: StreamqClient,
    private readonly followed: FollowedChannels,
  ) {}

  async query(q: ChannelQuery): Promise<ChannelPage> {
    const { total, records } = await this.search.search(q);
    return { total, page: q.p, size: q.s, channels: records.map(toChannelDto) };
  }

  async get(id: string): Promise<ChannelDto> {
    const record = await this.channels.findRecord(id);
    if (!record) throw channelNotFound(id);
    return toChannelDto(record);
  }

  async create(body: CreateChannelBody): Promise<ChannelDto> {
    const platform = body.platformId
      ? await this.platforms.byId(body.platformId)
      : await this.platforms.byName(body.platformName as PlatformName);
    const grade = await this.resolveGrade({
      gradeId: body.gradeId,
      gradeName: body.gradeName ?? (body.gradeId ? undefined : DEFAULT_GRADE_NAME),
    });
    const id = await this.createFromPlatform({
      platform,
      sourceId: body.sourceId,
      grade: grade!,
      isFollowed: body.isFollowed,
      overseasFirst: body.overseasFirst,
      description: body.description,
      tagNames: body.tagNames,
    });
    return this.get(id);
  }

  /**
   * Fetches the profile from streamq first (so nothing is written if the platform does not know
   * the channel or streamq is down), then writes the channel and its tags in one transaction.
   */
  async createFromPlatform(input: NewChannel): Promise<string> {
    const info = await this.streamq.fetchChannel(input.platform.name, input.sourceId);
    if (!info) {
      throw new NotFoundError(
        `${input.platform.name} has no channel with id "${input.sourceId}"`,
        ERROR_CODES.channel.notOnPlatform,
        [{ field: 'body.sourceId', message: `not found on ${input.platform.name}` }],
      );
    }
    let id: string;
    try {
      id = await this.handle.database.db.transaction(async (tx) => {
        const row = await this.channels.insert(tx, {
          platformId: input.platform.id,
          sourceId: input.sourceId,
          username: info.username,
          profileImgUrl: info.profileImgUrl,
          followerCnt: info.followerCnt,
          gradeId: input.grade.id,
          isFollowed: input.isFollowed,
          overseasFirst: input.overseasFirst ?? false,
          description: input.description ?? null,
        });
        const tags = await this.tags.ensureByNames(tx, input.tagNames);
        await this.tags.attach(
          tx,
          row.id,
          tags.map((t) => t.id),
        );
        return row.id;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'channel_platform_source_key')) {
        throw new ConflictError(
          `The ${input.platform.name} channel "${input.sourceId}" (${info.username}) already exists`,
          ERROR_CODES.channel.alreadyExists,
          [{ field: 'body.sourceId', message: 'already exists' }],
        );
      }
      throw error;
    }
    if (input.isFollowed) await this.followed.sync([{ id, followed: true }]);
    return id;
  }

  async update(id: string, body: UpdateChannelBody): Promise<ChannelDto> {
    const { gradeId, gradeName, ...rest } = body;
    const patch: ChannelPatch = { ...rest };
    // The grade can be changed by id or by name (the original accepted `gradeName` and ignored it).
    if (gradeId !== undefined || gradeName !== undefined) {
      patch.gradeId = (await this.resolveGrade({ gradeId, gradeName }))!.id;
    }
    const row = await this.channels.update(this.handle.database.db, id, patch);
    if (!row) throw channelNotFound(id);
    if (patch.isFollowed !== undefined) await this.followed.sync([{ id, followed: row.isFollowed }]);
    return this.get(id);
  }

  async remove(id: string): Promise<ChannelDto> {
    const record = await this.channels.findRecord(id);
    if (!record) throw channelNotFound(id);
    const db = this.handle.database.db;
    try {
      if (!(await this.channels.delete(db, id))) throw channelNotFound(id);
    } catch (error) {
      if (asPgError(error)?.code !== PG_FOREIGN_KEY_VIOLATION) throw error;
      const lives = await this.channels.countLives(db, id);
      throw new ConflictError(
        `Channel "${record.channel.username}" has ${lives} recorded live(s); it cannot be deleted while they exist`,
        ERROR_CODES.channel.inUse,
      );
    }
    await this.followed.sync([{ id, followed: false }]);
    return toChannelDto(record);
  }

  private async resolveGrade(ref: { gradeId?: string; gradeName?: string }): Promise<GradeRow | undefined> {
    if (ref.gradeId) {
      const grade = await this.grades.findById(ref.gradeId);
      if (!grade) {
        throw new NotFoundError(`No grade with id ${ref.gradeId}`, ERROR_CODES.grade.notFound, [
          { field: 'body.gradeId', message: 'no such grade' },
        ]);
      }
      return grade;
    }
    if (ref.gradeName) {
      const grade = await this.grades.findByName(ref.gradeName);
      if (!grade) {
        throw new NotFoundError(`No grade named "${ref.gradeName}"`, ERROR_CODES.grade.notFound, [
          { field: 'body.gradeName', message: 'no such grade' },
        ]);
      }
      return grade;
    }
    return undefined;
  }
}

export function channelNotFound(id: string) {
  return new NotFoundError(`No channel with id ${id}`, ERROR_CODES.channel.notFound);
}
