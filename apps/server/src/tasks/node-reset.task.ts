import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { NodeRepository } from '../node/node.repository';
import type { PeriodicTask } from './periodic-task';

/** `node_reset`: every node's failure count back to zero each NODE_RESET_CYCLE_SEC. */
@Injectable()
export class NodeResetTask implements PeriodicTask {
  readonly name = 'node_reset';
  readonly intervalMs: number;

  constructor(
    config: AppConfig,
    private readonly nodes: NodeRepository,
  ) {
    this.intervalMs = config.values.NODE_RESET_CYCLE_SEC * 1000;
  }

  async run() {
    return { reset: await this.nodes.resetFailureCounts() };
  }
}
