import type { RecnodeRecordingStatus } from '@recflow/contracts';
import { Badge, type BadgeProps } from './badge';

const VARIANTS: Record<RecnodeRecordingStatus, BadgeProps['variant']> = {
  waiting: 'warning',
  recording: 'success',
  completed: 'muted',
  failed: 'destructive',
};

/** A recorder's status as its node reports it (not recflow's live status). */
export function RecorderStatusBadge({ status }: { status: RecnodeRecordingStatus }) {
  return <Badge variant={VARIANTS[status]}>{status}</Badge>;
}
