import { ArrowLeftIcon, SearchXIcon } from 'lucide-react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '@/shared/api/api-error';
import { WATCH_REFRESH_MS } from '@/shared/api/refresh';
import { formatClock } from '@/shared/lib/format';
import { ErrorAlert } from '@/shared/ui/alert';
import { Button } from '@/shared/ui/button';
import { Card } from '@/shared/ui/card';
import { EmptyState } from '@/shared/ui/empty-state';
import { PageHeader } from '@/shared/ui/page-header';
import { Spinner } from '@/shared/ui/spinner';
import { useLive } from '../api/get-live';
import { FailureReason } from './failure-reason';
import { LiveRecordings } from './live-recordings';
import { LiveSummary } from './live-summary';

function BackToLives() {
  return (
    <Button variant="outline" asChild>
      <Link to="/">
        <ArrowLeftIcon /> Lives
      </Link>
    </Button>
  );
}

/** One live, refreshed on its own: what recflow knows of it, and what each of its nodes says. */
export function LiveDetail({ id }: { id: string }) {
  const result = useLive(id);
  const live = result.data;

  if (result.isPending) {
    return (
      <div className="flex justify-center py-16">
        <Spinner className="size-6" label="Loading the live" />
      </div>
    );
  }
  if (!live) {
    const missing = result.error instanceof ApiError && [400, 404].includes(result.error.status);
    return (
      <>
        <PageHeader title="Live" actions={<BackToLives />} />
        {missing ? (
          <Card>
            <EmptyState icon={SearchXIcon} title="No such live">
              There is no live with the id <span className="font-mono">{id}</span>.
            </EmptyState>
          </Card>
        ) : (
          <ErrorAlert title="The live could not be loaded">{errorMessage(result.error)}</ErrorAlert>
        )}
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={live.channel.username}
        description={
          <>
            Live <span className="font-mono">{live.id}</span> · updated {formatClock(result.dataUpdatedAt)},
            every {WATCH_REFRESH_MS / 1000} s
          </>
        }
        actions={<BackToLives />}
      />
      {result.isError && (
        <ErrorAlert title="Refreshing failed; showing the last answer">
          {errorMessage(result.error)}
        </ErrorAlert>
      )}
      {live.status === 'failed' && (
        <ErrorAlert title="Recording failed">
          <FailureReason reason={live.failureReason} />
        </ErrorAlert>
      )}
      <LiveSummary live={live} />
      <LiveRecordings live={live} />
    </>
  );
}
