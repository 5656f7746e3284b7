/** Rows of the recordings query to the API's RecordingDto. */
import type { RecordingDto } from '@recflow/contracts';
import type { RecordingRow } from './recording.repository';

const iso = (v: Date | string) => new Date(v).toISOString();

export function toRecordingDto(row: RecordingRow): RecordingDto {
  const startedAt = new Date(row.createdAt);
  const endedAt = row.deletedAt === null ? null : new Date(row.deletedAt);
  return {
    liveId: row.id,
    channel: {
      id: row.channelId,
      platform: row.platform,
      sourceId: row.sourceId,
      username: row.username,
      profileImageUrl: row.profileImageUrl,
    },
    title: row.title,
    videoName: row.videoName,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt?.toISOString() ?? null,
    durationSec: endedAt ? Math.max(0, Math.floor((endedAt.getTime() - startedAt.getTime()) / 1000)) : null,
    nodes: row.nodes ?? [],
    nodesGivenUp: row.nodesGivenUp ?? [],
    segments:
      row.takenAt === null
        ? null
        : {
            ok: row.ok ?? 0,
            failed: row.failed ?? 0,
            retrying: row.retrying ?? 0,
            missing: Number(row.missing ?? 0),
            missingNumbers: (row.missingNumbers ?? []).map(Number),
          },
    outcome: row.eventStatus ?? 'nothing_recorded',
    // A live ended without a finish request was deleted by an operator (the metadata-only `delete`).
    endedBy: row.finishBy ?? 'operator',
    finishEvent: row.eventStatus
      ? { status: row.eventStatus, sentAt: row.eventSentAt === null ? null : iso(row.eventSentAt) }
      : null,
  };
}
