import type { LiveNodeDto } from '@recflow/contracts';
import { formatAge, formatDateTime } from '@/shared/lib/format';
import { Badge } from '@/shared/ui/badge';

/** The nodes recording a live, each with its group: distinct groups are the point of binding two. */
export function LiveNodeBadges({ nodes }: { nodes: LiveNodeDto[] }) {
  if (nodes.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Nodes">
      {nodes.map((node) => (
        <li key={node.id}>
          <Badge
            variant="outline"
            className="gap-1.5"
            title={`${node.name} in group ${node.group.name}, bound ${formatAge(node.boundAt)} (${formatDateTime(node.boundAt)})`}
          >
            <span>{node.name}</span>
            <span className="font-normal text-muted-foreground">{node.group.name}</span>
          </Badge>
        </li>
      ))}
    </ul>
  );
}
