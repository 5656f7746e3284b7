/**
 * The body of a list fed by one query: a spinner while the first answer is awaited, the error
 * with a retry, and the answer itself, dimmed while a placeholder stands in for the next one.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { RotateCcwIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { errorMessage } from '@/shared/api/api-error';
import { ErrorAlert } from './alert';
import { Button } from './button';
import { Spinner } from './spinner';

interface QueryViewProps<T> {
  result: UseQueryResult<T>;
  /** The spinner's accessible name, e.g. "Loading lives". */
  loadingLabel: string;
  /** The error's title when there is no answer to show, e.g. "Lives could not be loaded". */
  failedTitle: string;
  /** Whether a failed refresh is reported above the last answer (lists that refresh on their own). */
  reportFailedRefresh?: boolean;
  className?: string;
  children(data: T): ReactNode;
}

export function QueryView<T>({
  result,
  loadingLabel,
  failedTitle,
  reportFailedRefresh = false,
  className,
  children,
}: QueryViewProps<T>) {
  const data = result.data;
  return (
    <div className={className} aria-busy={result.isFetching}>
      {result.isPending && (
        <div className="flex justify-center py-16">
          <Spinner className="size-6" label={loadingLabel} />
        </div>
      )}
      {result.isError && (reportFailedRefresh || !data) && (
        <div className="grid justify-items-start gap-3 p-4">
          <ErrorAlert title={data ? 'Refreshing failed; showing the last answer' : failedTitle}>
            {errorMessage(result.error)}
          </ErrorAlert>
          <Button variant="outline" size="sm" onClick={() => void result.refetch()}>
            <RotateCcwIcon /> Try again
          </Button>
        </div>
      )}
      {data !== undefined && (
        <div className={result.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}>
          {children(data)}
        </div>
      )}
    </div>
  );
}
