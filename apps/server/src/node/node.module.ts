import { Module } from '@nestjs/common';
import { NodeController, NodeGroupController } from './node.controller';
import { NodeRepository } from './node.repository';
import { NodeService } from './node.service';
import { NodeGroupRepository } from './node-group.repository';
import { NodeGroupService } from './node-group.service';
import { NodeStatus } from './node-status';

/** Node groups and recnode nodes: CRUD, load, and the nodes' own view of their recordings. */
@Module({
  controllers: [NodeGroupController, NodeController],
  providers: [NodeGroupRepository, NodeGroupService, NodeRepository, NodeService, NodeStatus],
  exports: [NodeRepository],
})
export class NodeModule {}
