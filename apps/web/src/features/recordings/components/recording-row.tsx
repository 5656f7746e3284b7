import type { RecordingDto } from '@recflow/contracts';
import { ChevronRightIcon } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { cn } from '@/shared/lib/cn';
import { formatAge, formatDateTime } from '@/shared/lib/format';
import { channelUrl } from '@/shared/lib/platform-links';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { ChannelAvatar } from '@/shared/ui/channel-avatar';
import { PlatformBadge } from '@/shared/ui/platform-badge';
import { TableCell, TableRow } from '@/shared/ui/table';
import { formatDuration } from '../model/recording-filters';
import { FinishEventStatus } from './finish-event-status';
import { RecordingObjects } from './recording-objects';
import { RecordingOutcome } from './recording-outcome';
import { missingText, SegmentReport } from './segment-report';

export const RECORDING_COLUMNS = 8;

function Channel({ channel }: { channel: RecordingDto['channel'] }) {
  return (
    <div className="flex min-w-0 items-center gap-2.5">
      <ChannelAvatar name={channel.username} src={channel.profileImageUrl} seed={channel.id} />
      <div className="grid min-w-0 gap-0.5">
        <a
          href={channelUrl(channel.platform, channel.sourceId)}
          target="_blank"
          rel="noreferrer"
          title={channel.username}
          className="truncate font-medium hover:underline"
        >
          {channel.username}
        </a>
        <PlatformBadge platform={channel.platform} className="justify-self-start" />
      </div>
    </div>
  );
}

/** What opening a row shows: the missing segment numbers, and the live's objects in S3. */
function RecordingDetails({ recording }: { recording: RecordingDto }) {
  const { segments } = recording;
  return (
    <div className="grid gap-3">
      {segments && segments.missing > 0 && (
        <div className="grid gap-1">
          <p className="text-xs font-medium">Missing segments ({segments.missing})</p>
          <p className="font-mono text-xs wrap-anywhere text-muted-foreground" data-testid="missing-segments">
            {missingText(segments)}
          </p>
        </div>
      )}
      <div className="grid gap-1">
        <p className="text-xs font-medium">
          Uploaded sources <span className="font-normal text-muted-foreground">({recording.videoName})</span>
        </p>
        <RecordingObjects liveId={recording.liveId} />
      </div>
    </div>
  );
}

export function RecordingRow({ recording }: { recording: RecordingDto }) {
  const [expanded, setExpanded] = useState(false);
  const name = recording.channel.username;
  return (
    <>
      <TableRow data-live-id={recording.liveId}>
        <TableCell className="w-8 pr-0">
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={`${expanded ? 'Hide' : 'Show'} details of ${name}`}
            aria-expanded={expanded}
            onClick={() => setExpanded((open) => !open)}
          >
            <ChevronRightIcon className={cn('transition-transform', expanded && 'rotate-90')} />
          </Button>
        </TableCell>
        <TableCell className="max-w-60 min-w-48">
          <Channel channel={recording.channel} />
        </TableCell>
        <TableCell className="w-full max-w-0 min-w-32">
          <Link
            to={`/lives/${recording.liveId}`}
            title={recording.title}
            className="line-clamp-2 break-words hover:underline"
          >
            {recording.title || <span className="text-muted-foreground">(untitled)</span>}
          </Link>
        </TableCell>
        <TableCell className="text-xs whitespace-nowrap">
          <div title={`${formatDateTime(recording.startedAt)} – ${formatDateTime(recording.endedAt)}`}>
            {formatAge(recording.endedAt)}
          </div>
          <div className="text-muted-foreground tabular-nums">
            {recording.durationSec === null ? '—' : formatDuration(recording.durationSec)}
          </div>
        </TableCell>
        <TableCell className="min-w-24">
          {recording.nodes.length === 0 ? (
            <span className="text-muted-foreground">—</span>
          ) : (
            <ul className="flex flex-wrap gap-1" aria-label="Nodes">
              {recording.nodes.map((node) => (
                <li key={node}>
                  {recording.nodesGivenUp.includes(node) ? (
                    <Badge
                      variant="warning"
                      title="Finishing gave up waiting for this node's uploads: what it had not uploaded may be missing"
                    >
                      {node} · gave up
                    </Badge>
                  ) : (
                    <Badge variant="outline">{node}</Badge>
                  )}
                </li>
              ))}
            </ul>
          )}
        </TableCell>
        <TableCell>
          <SegmentReport segments={recording.segments} />
        </TableCell>
        <TableCell>
          <RecordingOutcome recording={recording} />
        </TableCell>
        <TableCell>
          <FinishEventStatus event={recording.finishEvent} />
        </TableCell>
      </TableRow>
      {expanded && (
        <TableRow className="bg-muted/30 hover:bg-muted/30">
          <TableCell />
          <TableCell colSpan={RECORDING_COLUMNS - 1} className="py-3">
            <RecordingDetails recording={recording} />
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
