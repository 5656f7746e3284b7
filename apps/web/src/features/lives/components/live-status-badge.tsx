import type { LiveDto, LiveStatus } from '@recflow/contracts';
import { CircleAlertIcon } from 'lucide-react';
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

/**
 * recflow's status of a live. A failed live's badge is a button: the reason shows on hover and,
 * for reading or copying, in a popover on click.
 */
export function LiveStatusBadge({ live }: { live: Pick<LiveDto, 'status' | 'failureReason'> }) {
  if (live.status !== 'failed') {
    return (
      <Badge variant={VARIANTS[live.status]}>
        {live.status === 'recording' && <span className="size-1.5 rounded-full bg-current" aria-hidden />}
        {live.status}
      </Badge>
    );
  }
  const reason = live.failureReason ?? 'No reason was recorded.';
  return (
    <Popover>
      <PopoverTrigger
        className={cn(badgeVariants({ variant: 'destructive' }), 'cursor-pointer hover:bg-destructive/25')}
        title={reason}
        aria-label="failed: show why"
      >
        <CircleAlertIcon aria-hidden />
        failed
      </PopoverTrigger>
      <PopoverContent align="end" className="grid w-[28rem] max-w-[90vw] gap-1.5 p-3 text-sm">
        <p className="font-medium">Why it failed</p>
        <div className="text-xs text-muted-foreground">
          <FailureReason reason={live.failureReason} />
        </div>
      </PopoverContent>
    </Popover>
  );
}
