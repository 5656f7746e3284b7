import { useNodeEvents } from '../api/get-node-events';
import { TimelineCard } from './timeline-card';

/** A node's timeline: the lives it took and lost, its failures, cordons and drains. */
export function NodeTimeline({ nodeId }: { nodeId: string }) {
  const result = useNodeEvents(nodeId);
  return <TimelineCard result={result} watching subject="node" nodeNames={new Map()} />;
}
