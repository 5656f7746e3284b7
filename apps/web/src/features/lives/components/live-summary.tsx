import type { LiveDetailDto } from '@recflow/contracts';
import { ExternalLinkIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatAge, formatCount, formatDateTime } from '@/shared/lib/format';
import { liveUrl } from '@/shared/lib/platform-links';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';
import { LiveChannel } from './live-channel';
import { LiveStatusBadge } from './live-status-badge';
import { RecordedReason } from './recorded-reason';
import { SegmentCounts } from './segment-counts';

function Item({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'grid min-w-0 gap-1 sm:col-span-2 lg:col-span-3' : 'grid min-w-0 gap-1'}>
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

/** Header and query values of the stream, as the API shows them (credentials already redacted). */
function StreamExtras({ stream }: { stream: NonNullable<LiveDetailDto['stream']> }) {
  const params = Object.entries(stream.params ?? {}).map(([k, v]) => `${k}=${v.join(',')}`);
  const headers = Object.entries(stream.headers).map(([k, v]) => `${k}: ${v}`);
  if (params.length + headers.length === 0) return null;
  return (
    <ul className="mt-1 grid gap-0.5 font-mono text-xs text-muted-foreground">
      {params.map((p) => (
        <li key={`p:${p}`}>?{p}</li>
      ))}
      {headers.map((h) => (
        <li key={`h:${h}`}>{h}</li>
      ))}
    </ul>
  );
}

export function LiveSummary({ live }: { live: LiveDetailDto }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recording</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
          <Item label="Channel">
            <LiveChannel channel={live.channel} />
          </Item>
          <Item label="Status">
            <LiveStatusBadge live={live} />
          </Item>
          <Item label="Segments">
            <SegmentCounts segments={live.segments} />
          </Item>
          <Item label="Title" wide>
            <a
              href={liveUrl(live.channel.platform.name, live.channel.sourceId)}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 break-words hover:underline"
            >
              {live.liveTitle || '(untitled)'}
              <ExternalLinkIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
            </a>
          </Item>
          <Item label="Reason" wide>
            <RecordedReason reason={live.recordedReason} platform={live.channel.platform.name} />
          </Item>
          <Item label="Viewers">{formatCount(live.viewCnt)}</Item>
          <Item label="Created">
            {formatDateTime(live.createdAt)}{' '}
            <span className="text-muted-foreground">({formatAge(live.createdAt)})</span>
          </Item>
          <Item label="Updated">{formatDateTime(live.updatedAt)}</Item>
          <Item label="Video name">
            <span className="font-mono">{live.videoName}</span>
          </Item>
          <Item label="File system">
            <span className="font-mono">{live.fsName}</span>
          </Item>
          <Item label="Broadcast id">
            <span className="font-mono">{live.sourceId}</span>
          </Item>
          <Item label="Stream" wide>
            {live.stream ? (
              <>
                <span className="font-mono text-xs wrap-anywhere">{live.stream.url}</span>
                <StreamExtras stream={live.stream} />
              </>
            ) : (
              <span className="text-muted-foreground">No stream resolved</span>
            )}
          </Item>
        </dl>
      </CardContent>
    </Card>
  );
}
