/** Database rows to API DTOs. Dates become ISO strings here and nowhere else. */
import type { ChannelDto, GradeDto, PlatformDto, TagDto } from '@recflow/contracts';
import type { InferSelectModel } from 'drizzle-orm';
import type { channel, channelGrade, channelTag, platform } from '../db/schema';

export type PlatformRow = InferSelectModel<typeof platform>;
export type GradeRow = InferSelectModel<typeof channelGrade>;
export type TagRow = InferSelectModel<typeof channelTag>;
export type ChannelRow = InferSelectModel<typeof channel>;

export interface ChannelRecord {
  channel: ChannelRow;
  platform: PlatformRow;
  grade: GradeRow;
  tags?: TagRow[];
}

export const iso = (d: Date | string): string => (typeof d === 'string' ? new Date(d) : d).toISOString();
export const isoOrNull = (d: Date | string | null | undefined): string | null => (d == null ? null : iso(d));

export function toPlatformDto(row: PlatformRow): PlatformDto {
  return { id: row.id, name: row.name, createdAt: iso(row.createdAt), updatedAt: isoOrNull(row.updatedAt) };
}

export function toGradeDto(row: GradeRow): GradeDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tier: row.tier,
    seq: row.seq,
    shouldSave: row.shouldSave,
    shouldNotify: row.shouldNotify,
    nodesPerLive: row.nodesPerLive,
    createdAt: iso(row.createdAt),
    updatedAt: isoOrNull(row.updatedAt),
  };
}

export function toTagDto(row: TagRow): TagDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: iso(row.createdAt),
    updatedAt: isoOrNull(row.updatedAt),
  };
}

export function toChannelDto(record: ChannelRecord): ChannelDto {
  const c = record.channel;
  return {
    id: c.id,
    sourceId: c.sourceId,
    username: c.username,
    profileImgUrl: c.profileImgUrl,
    followerCnt: c.followerCnt,
    isFollowed: c.isFollowed,
    overseasFirst: c.overseasFirst,
    description: c.description,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    lastRefreshedAt: isoOrNull(c.lastRefreshedAt),
    streamCheckedAt: isoOrNull(c.streamCheckedAt),
    platform: toPlatformDto(record.platform),
    grade: toGradeDto(record.grade),
    ...(record.tags ? { tags: record.tags.map(toTagDto) } : {}),
  };
}
