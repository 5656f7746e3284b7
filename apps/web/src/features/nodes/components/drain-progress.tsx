/**
 * A group's drain as it runs: lives moved out of how many, the ones stuck for want of a node in
 * another group, and the job's state. Shown in the group's header until the operator dismisses it.
 */
import type { DrainProgress as Progress } from '@recflow/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { XIcon } from 'lucide-react';
import { errorMessage } from '@/shared/api/api-error';
import { Badge, type BadgeProps } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { Spinner } from '@/shared/ui/spinner';
import { isDrainOver } from '../api/get-drain-progress';

const STATE_BADGE: Record<Progress['state'], BadgeProps['variant']> = {
  waiting: 'muted',
  active: 'warning',
  completed: 'success',
  failed: 'destructive',
};

interface DrainProgressProps {
  groupName: string;
  progress: UseQueryResult<Progress>;
  onDismiss(): void;
}

export function DrainProgress({ groupName, progress, onDismiss }: DrainProgressProps) {
  const { data, error } = progress;
  const over = data === undefined ? error !== null : isDrainOver(data);
  return (
    <div
      role="status"
      aria-label={`Drain of ${groupName}`}
      className="flex basis-full flex-wrap items-center gap-x-3 gap-y-1 rounded-md border bg-muted/40 px-3 py-1.5 text-sm"
    >
      <span className="font-medium">Drain</span>
      {data && (
        <>
          <Badge variant={STATE_BADGE[data.state]}>{data.state}</Badge>
          {!over && <Spinner className="size-3.5 text-muted-foreground" label="Draining" />}
          <span className="tabular-nums" title="Lives moved to another group, of those on the group">
            {data.moved}/{data.total} moved
          </span>
          <span
            className={data.stuck.length > 0 ? 'text-destructive' : 'text-muted-foreground'}
            title={data.stuck.length > 0 ? `Stuck lives: ${data.stuck.join(', ')}` : undefined}
          >
            {data.stuck.length} stuck
          </span>
          {data.error && <span className="min-w-0 wrap-anywhere text-destructive">{data.error}</span>}
        </>
      )}
      {!data && !error && <Spinner className="size-3.5" label="Loading drain progress" />}
      {error && <span className="min-w-0 wrap-anywhere text-destructive">{errorMessage(error)}</span>}
      {over && (
        <Button
          variant="ghost"
          size="icon-sm"
          className="ml-auto"
          aria-label={`Dismiss drain of ${groupName}`}
          title="Dismiss"
          onClick={onDismiss}
        >
          <XIcon />
        </Button>
      )}
    </div>
  );
}
