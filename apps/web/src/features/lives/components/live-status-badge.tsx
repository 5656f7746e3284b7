import type { LiveDto, LiveStatus } from '@recflow/contracts';
import { CircleAlertIcon, LoaderCircleIcon } from 'lucide-react';
import { cn } from '@/shared/lib/cn';
import { Badge, type BadgeProps, badgeVariants } from '@/shared/ui/badge';
import { Popover, PopoverContent, PopoverTrigger } from '@/shared/ui/popover';
import { FailureReason } from './failure-reason';

const VARIANTS: Record<LiveStatus, BadgeProps['variant']> = {
  initializing: 'warning',
  recording: 'success',
  finalizing: 'secondary',
  deleted: 'muted',
  failed: 'destructive',
};

/** `deleted` is recflow's word for a live whose work is over, finished or forgotten: "ended" to operators. */
const LABELS: Record<LiveStatus, string> = {
  initializing: 'initializing',
  recording: 'recording',
  finalizing: 'finalizing',
  deleted: 'ended',
  failed: 'failed',
};

/**
 * recflow's status of a live. A failed live, and one whose finish gave up (it stays `finalizing`
 * with the reason), has a button for a badge: the reason shows on hover and, for reading or
 * copying, in a popover on click.
 */
export function LiveStatusBadge({ live }: { live: Pick<LiveDto, 'status' | 'failureReason'> }) {
  const finishFailed = live.status === 'finalizing' && live.failureReason !== null;
  if (live.status !== 'failed' && !finishFailed) {
    return (
      <Badge variant={VARIANTS[live.status]}>
        {live.status === 'recording' && <span className="size-1.5 rounded-full bg-current" aria-hidden />}
        {live.status === 'finalizing' && <LoaderCircleIcon className="animate-spin" aria-hidden />}
        {LABELS[live.status]}
      </Badge>
    );
  }
  const reason = live.failureReason ?? 'No reason was recorded.';
  const label = finishFailed ? 'finish failed' : 'failed';
  return (
    <Popover>
      <PopoverTrigger
        className={cn(badgeVariants({ variant: 'destructive' }), 'cursor-pointer hover:bg-destructive/25')}
        title={reason}
        aria-label={`${label}: show why`}
      >
        <CircleAlertIcon aria-hidden />
        {label}
      </PopoverTrigger>
      <PopoverContent align="end" className="grid w-[28rem] max-w-[90vw] gap-1.5 p-3 text-sm">
        <p className="font-medium">{finishFailed ? 'Why finishing gave up' : 'Why it failed'}</p>
        <div className="text-xs text-muted-foreground">
          <FailureReason reason={live.failureReason} />
        </div>
      </PopoverContent>
    </Popover>
  );
}
