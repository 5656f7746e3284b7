import { CloudOffIcon, FolderOpenIcon } from 'lucide-react';
import { errorMessage } from '@/shared/api/api-error';
import { formatDateTime } from '@/shared/lib/format';
import { ErrorAlert } from '@/shared/ui/alert';
import { Spinner } from '@/shared/ui/spinner';
import { useRecordingObjects } from '../api/get-recording-objects';
import { formatBytes } from '../model/recording-filters';

/** The objects recnode uploaded for one live (its tars), listed from S3 when the row is opened. */
export function RecordingObjects({ liveId }: { liveId: string }) {
  const result = useRecordingObjects(liveId);
  if (result.isPending) return <Spinner label="Listing S3" />;
  if (!result.data) {
    return <ErrorAlert title="S3 could not be listed">{errorMessage(result.error)}</ErrorAlert>;
  }
  const { configured, bucket, prefix, objects } = result.data;
  if (!configured) {
    return (
      <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
        <CloudOffIcon className="size-3.5" aria-hidden />
        S3 not configured: set S3_BUCKET to list what recnode uploaded.
      </p>
    );
  }
  const where = (
    <span className="font-mono">
      s3://{bucket}/{prefix}
    </span>
  );
  if (objects.length === 0) {
    return (
      <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
        <FolderOpenIcon className="size-3.5" aria-hidden />
        Nothing under {where}
      </p>
    );
  }
  const total = objects.reduce((sum, o) => sum + o.size, 0);
  return (
    <div className="grid gap-1.5">
      <p className="text-xs text-muted-foreground">
        {objects.length} object{objects.length === 1 ? '' : 's'}, {formatBytes(total)} under {where}
      </p>
      <ul aria-label="S3 objects" className="grid gap-0.5 text-xs">
        {objects.map((object) => (
          <li key={object.key} className="flex flex-wrap items-baseline gap-x-3">
            <span className="min-w-0 font-mono wrap-anywhere">
              {object.key.startsWith(prefix) ? object.key.slice(prefix.length) : object.key}
            </span>
            <span className="text-muted-foreground tabular-nums">{formatBytes(object.size)}</span>
            <span className="text-muted-foreground">{formatDateTime(object.lastModified)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
