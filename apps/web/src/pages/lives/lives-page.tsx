import { useState } from 'react';
import { LiveBrowser } from '@/features/lives/components/live-browser';
import { RecordLiveDialog } from '@/features/lives/components/record-live-dialog';
import type { FleetOptions } from '@/features/lives/model/fleet-options';
import { useNodeGroups } from '@/features/nodes/api/get-node-groups';
import { useNodes } from '@/features/nodes/api/get-nodes';
import { PageHeader } from '@/shared/ui/page-header';

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, undefined, { numeric: true });

export function LivesPage() {
  // The live registered from this page stays marked until the next one, so it is easy to find.
  const [highlightId, setHighlightId] = useState<string>();
  const groups = useNodeGroups();
  const nodes = useNodes();
  const fleet: FleetOptions = {
    groups: (groups.data ?? []).map(({ id, name }) => ({ id, name })).sort(byName),
    nodes: (nodes.data ?? [])
      .map(({ id, name, group }) => ({ id, name, groupName: group.name }))
      .sort(byName),
  };
  return (
    <>
      <PageHeader
        title="Lives"
        description="The broadcasts recflow is recording, with the nodes recording them."
        actions={<RecordLiveDialog groups={fleet.groups} onRecorded={(live) => setHighlightId(live.id)} />}
      />
      <LiveBrowser fleet={fleet} highlightId={highlightId} />
    </>
  );
}
