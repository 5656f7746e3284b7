/** Live records to API DTOs. Stream header and param values are redacted: they can be credentials. */
import { type LiveDto, REDACTED, type SegmentCounts } from '@recflow/contracts';
import { iso, isoOrNull, toChannelDto, toPlatformDto } from '../channel/channel.mapper';
import type { LiveRecord } from './live.repository';

function redactValues<T>(record: Record<string, T>, redacted: T): Record<string, T> {
  return Object.fromEntries(Object.keys(record).map((key) => [key, redacted]));
}

export function toLiveDto(record: LiveRecord, segments: SegmentCounts | null = null): LiveDto {
  const { live: l, stream } = record;
  return {
    id: l.id,
    sourceId: l.sourceId,
    liveTitle: l.liveTitle,
    liveStreamId: l.liveStreamId,
    fsName: l.fsName,
    videoName: l.videoName,
    viewCnt: l.viewCnt,
    isAdult: l.isAdult,
    status: l.status,
    failureReason: l.failureReason,
    recordedReason: l.recordedReason ?? null,
    domesticOnly: l.domesticOnly,
    overseasFirst: l.overseasFirst,
    restartedFrom: l.restartedFrom,
    streamUnavailableSince: isoOrNull(l.streamUnavailableSince),
    createdAt: iso(l.createdAt),
    updatedAt: isoOrNull(l.updatedAt),
    deletedAt: isoOrNull(l.deletedAt),
    platform: toPlatformDto(record.platform),
    channel: toChannelDto({ channel: record.channel, platform: record.platform, grade: record.grade }),
    stream: stream
      ? {
          id: stream.id,
          sourceId: stream.sourceId,
          url: stream.url,
          params: stream.params ? redactValues(stream.params, [REDACTED]) : null,
          headers: redactValues(stream.headers, REDACTED),
          createdAt: iso(stream.createdAt),
          updatedAt: isoOrNull(stream.updatedAt),
          checkedAt: isoOrNull(stream.checkedAt),
        }
      : null,
    isDisableRequested: l.status === 'finalizing' || l.status === 'deleted',
    isFinished: l.status === 'deleted' || l.status === 'failed',
    nodes: record.nodes.map(({ load, boundAt, group, ...n }) => ({
      ...n,
      livesCnt: load,
      lastAssignedAt: isoOrNull(n.lastAssignedAt),
      createdAt: iso(n.createdAt),
      updatedAt: isoOrNull(n.updatedAt),
      boundAt: iso(boundAt),
      group: { ...group, createdAt: iso(group.createdAt), updatedAt: isoOrNull(group.updatedAt) },
    })),
    segments,
  };
}
