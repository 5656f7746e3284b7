import type { LiveDetailDto } from '@recflow/contracts';
import { ArrowLeftIcon, SearchXIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
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
import { EndLiveButtons } from './end-live-buttons';
import { FailureReason } from './failure-reason';
import { LiveEndState } from './live-end-state';
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

interface LiveDetailProps {
  id: string;
  /** What the page adds below the live once it is loaded (its timeline). */
  children?(live: LiveDetailDto): ReactNode;
}

/**
 * One live, refreshed on its own: what recflow knows of it, what each of its nodes says, and the
 * operator's ways to end it.
 */
export function LiveDetail({ id, children }: LiveDetailProps) {
  const result = useLive(id);
  const navigate = useNavigate();
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
        actions={
          <>
            <EndLiveButtons
              live={live}
              onEnded={(answer) => {
                // A purged live has no page any more.
                if (answer.purged) void navigate('/');
              }}
            />
            <BackToLives />
          </>
        }
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
      <LiveEndState live={live} />
      <LiveSummary live={live} />
      <LiveRecordings live={live} />
      {children?.(live)}
    </>
  );
}
