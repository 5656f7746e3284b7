import { ACTIVE_STATUSES } from '@recflow/contracts';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { LiveDetail } from '@/features/lives/components/live-detail';
import { useNodes } from '@/features/nodes/api/get-nodes';
import { LiveTimeline } from '@/features/timeline/components/live-timeline';

export function LivePage() {
  const { id = '' } = useParams();
  const nodes = useNodes();
  // Every node by name, not only the live's current ones: its timeline names nodes it lost.
  const nodeNames = useMemo(() => new Map((nodes.data ?? []).map((n) => [n.id, n.name])), [nodes.data]);
  // Keyed by id, so moving to another live never shows the previous one's state.
  return (
    <LiveDetail key={id} id={id}>
      {(live) => (
        <LiveTimeline liveId={live.id} active={ACTIVE_STATUSES.includes(live.status)} nodeNames={nodeNames} />
      )}
    </LiveDetail>
  );
}
