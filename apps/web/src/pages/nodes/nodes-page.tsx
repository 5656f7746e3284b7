import { PlannedPage } from '@/shared/ui/planned-page';

export function NodesPage() {
  return (
    <PlannedPage
      title="Nodes"
      summary="The recording nodes (recnode) and the groups they belong to."
      features={[
        'List nodes by name with their group, priority, load against capacity, failure count and endpoint.',
        'Cordon or uncordon a node, mark it domestic, and edit priority, capacity and endpoint in place.',
        'Manage node groups: cordon or uncordon a whole group, and drain one so its lives move elsewhere.',
      ]}
    />
  );
}
