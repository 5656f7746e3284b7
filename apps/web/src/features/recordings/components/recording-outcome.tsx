import type { RecordingOutcome as Outcome, RecordingDto, RecordingEndedBy } from '@recflow/contracts';
import { CircleCheckIcon, CircleSlashIcon, type LucideIcon, Trash2Icon } from 'lucide-react';
import { Badge, type BadgeProps } from '@/shared/ui/badge';

const OUTCOMES: Record<
  Outcome,
  { label: string; variant: BadgeProps['variant']; icon: LucideIcon; why: string }
> = {
  complete: {
    label: 'saved',
    variant: 'success',
    icon: CircleCheckIcon,
    why: 'Finished and saved: vodify turns the recording into a video.',
  },
  canceled: {
    label: 'discarded',
    variant: 'destructive',
    icon: Trash2Icon,
    why: 'Finished and discarded: vodify deletes the recorded sources.',
  },
  nothing_recorded: {
    label: 'nothing recorded',
    variant: 'muted',
    icon: CircleSlashIcon,
    why: 'No node ever recorded it, so no finish event was sent.',
  },
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  complete: 'Saved',
  canceled: 'Discarded',
  nothing_recorded: 'Nothing recorded',
};

const ENDED_BY: Record<RecordingEndedBy, string> = {
  operator: 'by an operator',
  cleaner: 'broadcast over',
  recovery: 'by recovery',
};

/** How the live ended (saved, discarded, nothing recorded) and who ended it. */
export function RecordingOutcome({ recording }: { recording: Pick<RecordingDto, 'outcome' | 'endedBy'> }) {
  const outcome = OUTCOMES[recording.outcome];
  const Icon = outcome.icon;
  return (
    <div className="grid justify-items-start gap-0.5">
      <Badge variant={outcome.variant} title={outcome.why}>
        <Icon aria-hidden />
        {outcome.label}
      </Badge>
      <span className="text-xs whitespace-nowrap text-muted-foreground">{ENDED_BY[recording.endedBy]}</span>
    </div>
  );
}
