import type { NodeDto } from '@recflow/contracts';
import { ArrowLeftIcon, SearchXIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useNodeStatuses } from '@/features/nodes/api/get-node-status';
import { useNodes } from '@/features/nodes/api/get-nodes';
import { CordonSwitch } from '@/features/nodes/components/cordon-switch';
import { LoadBar } from '@/features/nodes/components/load-bar';
import { NodeReachability } from '@/features/nodes/components/node-reachability';
import { NodeRecordings } from '@/features/nodes/components/node-recordings';
import { NodeTimeline } from '@/features/timeline/components/node-timeline';
import { errorMessage } from '@/shared/api/api-error';
import { cn } from '@/shared/lib/cn';
import { ErrorAlert } from '@/shared/ui/alert';
import { Badge } from '@/shared/ui/badge';
import { Button } from '@/shared/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';
import { EmptyState } from '@/shared/ui/empty-state';
import { PageHeader } from '@/shared/ui/page-header';
import { Spinner } from '@/shared/ui/spinner';

function BackToNodes() {
  return (
    <Button variant="outline" asChild>
      <Link to="/nodes">
        <ArrowLeftIcon /> Nodes
      </Link>
    </Button>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid min-w-0 gap-1">
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

function NodeDetail({ node }: { node: NodeDto }) {
  const status = useNodeStatuses([node.name]).get(node.name);
  return (
    <>
      <PageHeader
        title={node.name}
        description={
          <>
            Group {node.group.name} · <span className="font-mono">{node.endpoint}</span>
          </>
        }
        actions={<BackToNodes />}
      />
      <Card>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-4">
            <Item label="Load">
              <LoadBar node={node} />
            </Item>
            <Item label="Reachable">
              <NodeReachability status={status} />
            </Item>
            <Item label="Cordon">
              <CordonSwitch node={node} />
            </Item>
            <Item label="Region">
              <Badge variant={node.isDomestic ? 'secondary' : 'outline'}>
                {node.isDomestic ? 'domestic' : 'overseas'}
              </Badge>
            </Item>
            <Item label="Priority">
              <span className="tabular-nums">{node.priority}</span>
            </Item>
            <Item label="Failures">
              <span className={cn('tabular-nums', node.failureCnt > 0 && 'font-medium text-destructive')}>
                {node.failureCnt}
              </span>
            </Item>
            {node.description && <Item label="Description">{node.description}</Item>}
          </dl>
        </CardContent>
      </Card>
      <Card aria-label={`Recordings on ${node.name}`}>
        <CardHeader>
          <CardTitle>Recordings</CardTitle>
        </CardHeader>
        <CardContent>
          <NodeRecordings name={node.name} status={status} />
        </CardContent>
      </Card>
      <NodeTimeline nodeId={node.id} />
    </>
  );
}

/** One node: its settings at a glance, what it records now, and its timeline. */
export function NodePage() {
  const { id = '' } = useParams();
  const nodes = useNodes();
  if (nodes.isPending) {
    return (
      <div className="flex justify-center py-16">
        <Spinner className="size-6" label="Loading the node" />
      </div>
    );
  }
  const node = nodes.data?.find((n) => n.id === id);
  if (node) return <NodeDetail key={node.id} node={node} />;
  return (
    <>
      <PageHeader title="Node" actions={<BackToNodes />} />
      {nodes.data ? (
        <Card>
          <EmptyState icon={SearchXIcon} title="No such node">
            There is no node with the id <span className="font-mono">{id}</span>; it may have been deleted.
          </EmptyState>
        </Card>
      ) : (
        <ErrorAlert title="The node could not be loaded">{errorMessage(nodes.error)}</ErrorAlert>
      )}
    </>
  );
}
