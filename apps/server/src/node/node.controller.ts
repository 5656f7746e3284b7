import { Controller } from '@nestjs/common';
import { api, type RouteInput } from '@recflow/contracts';
import { Input, Route } from '../http/route.decorator';
import { NodeService } from './node.service';
import { NodeGroupService } from './node-group.service';
import { NodeStatus } from './node-status';

@Controller()
export class NodeGroupController {
  constructor(private readonly groups: NodeGroupService) {}

  @Route(api.nodeGroups.list)
  list() {
    return this.groups.list();
  }

  @Route(api.nodeGroups.create)
  create(@Input() { body }: RouteInput<typeof api.nodeGroups.create>) {
    return this.groups.create(body);
  }

  @Route(api.nodeGroups.update)
  update(@Input() { params, body }: RouteInput<typeof api.nodeGroups.update>) {
    return this.groups.update(params.id, body);
  }

  @Route(api.nodeGroups.remove)
  remove(@Input() { params }: RouteInput<typeof api.nodeGroups.remove>) {
    return this.groups.remove(params.id);
  }
}

@Controller()
export class NodeController {
  constructor(
    private readonly nodes: NodeService,
    private readonly status: NodeStatus,
  ) {}

  @Route(api.nodes.list)
  list(@Input() { query }: RouteInput<typeof api.nodes.list>) {
    return this.nodes.list(query.groupId);
  }

  @Route(api.nodes.status)
  recordings(@Input() { params }: RouteInput<typeof api.nodes.status>) {
    return this.status.byName(params.nodeName);
  }

  @Route(api.nodes.get)
  get(@Input() { params }: RouteInput<typeof api.nodes.get>) {
    return this.nodes.get(params.id);
  }

  @Route(api.nodes.create)
  create(@Input() { body }: RouteInput<typeof api.nodes.create>) {
    return this.nodes.create(body);
  }

  @Route(api.nodes.update)
  update(@Input() { params, body }: RouteInput<typeof api.nodes.update>) {
    return this.nodes.update(params.id, body);
  }

  @Route(api.nodes.remove)
  remove(@Input() { params }: RouteInput<typeof api.nodes.remove>) {
    return this.nodes.remove(params.id);
  }
}
