import { useEffect, useRef } from 'react';
import { useLiveEvents } from '../api/get-live-events';
import { TimelineCard } from './timeline-card';

/** A live's timeline; refreshed while the live is active, once more when it ends. */
export function LiveTimeline({
  liveId,
  active,
  nodeNames,
}: {
  liveId: string;
  active: boolean;
  nodeNames: ReadonlyMap<string, string>;
}) {
  const result = useLiveEvents(liveId, active);
  const { refetch } = result;
  const wasActive = useRef(active);
  useEffect(() => {
    // The end's own events (finished, finish failed) may land after the last interval refresh.
    if (wasActive.current && !active) void refetch();
    wasActive.current = active;
  }, [active, refetch]);
  return <TimelineCard result={result} watching={active} subject="live" nodeNames={nodeNames} />;
}
