/**
 * Puts a live on nodes: selects nodes (node-selector), binds them under the capacity rule
 * (live-node.repository) and asks each to record. A node that refuses or cannot be reached is
 * unbound at once and another one is tried, for a few rounds. Used by registration and by the
 * balancer alike, so both follow the same rules.
 */
import { Injectable, Logger } from '@nestjs/common';
import { RecnodeClient } from '../upstream/recnode/recnode.client';
import { type CandidateNode, LiveNodeRepository } from './live-node.repository';
import { NodeHealth } from './node-health';
import { selectNodes } from './node-selector';

export interface AllocationRequest {
  liveId: string;
  count: number;
  domesticOnly?: boolean;
  overseasFirst?: boolean;
  onlyNodeIds?: string[];
  onlyGroupIds?: string[];
  /** Groups already recording the live: new nodes must come from others. */
  excludeGroupIds?: string[];
  excludeNodeIds?: string[];
}

export interface AllocationResult {
  started: CandidateNode[];
  /** Nodes that were tried and failed, with why. */
  failures: Array<{ node: string; reason: string }>;
  /** Why fewer nodes than asked were started, if so. */
  shortfall: string | null;
  /** The live was deleted or its finish began meanwhile: it gets no node, and that is no shortage. */
  closed: boolean;
}

const CLOSED = 'the live is no longer recording (deleted, or its finish began)';

/**
 * Every round excludes the nodes it tried (refused, or filled up by a concurrent registration),
 * so rounds end when the candidates do; this only bounds a pathological case.
 */
const MAX_ROUNDS = 50;

@Injectable()
export class LiveAllocator {
  private readonly logger = new Logger('LiveAllocator');

  constructor(
    private readonly bindings: LiveNodeRepository,
    private readonly recnode: RecnodeClient,
    private readonly health: NodeHealth,
  ) {}

  async allocate(request: AllocationRequest): Promise<AllocationResult> {
    const started: CandidateNode[] = [];
    const failures: AllocationResult['failures'] = [];
    const excludeNodes = new Set(request.excludeNodeIds ?? []);
    // A node that did not answer recovery would likely only make this wait out a start request,
    // so it is tried last: the list is one recovery pass old, and a node redeployed a moment ago
    // is back before the next pass says so.
    const unreachable = await this.health.unreachable();
    const excludeGroups = new Set(request.excludeGroupIds ?? []);
    let shortfall: string | null = null;

    for (let round = 0; round < MAX_ROUNDS && started.length < request.count; round++) {
      const candidates = await this.bindings.candidates({
        nodeIds: request.onlyNodeIds,
        groupIds: request.onlyGroupIds,
      });
      const select = (exclude: ReadonlySet<string>) =>
        selectNodes(candidates, {
          count: request.count - started.length,
          domesticOnly: request.domesticOnly,
          overseasFirst: request.overseasFirst,
          excludeNodeIds: exclude,
          excludeGroupIds: excludeGroups,
        }) as CandidateNode[];
      let chosen = select(new Set([...excludeNodes, ...unreachable]));
      if (chosen.length === 0 && unreachable.size > 0) chosen = select(excludeNodes);
      if (chosen.length === 0) {
        shortfall = this.describeShortfall(candidates.length, request, started.length);
        break;
      }
      const boundIds = await this.bindings.bind(
        request.liveId,
        chosen.map((c) => c.id),
      );
      if (boundIds === null) {
        shortfall = CLOSED;
        break;
      }
      const bound = new Set(boundIds);
      // A node filled up between selection and binding, or another binder of this live took its
      // group: select again next round, without it and without the live's groups as they are now.
      if (bound.size < chosen.length) {
        for (const c of chosen) if (!bound.has(c.id)) excludeNodes.add(c.id);
        for (const groupId of await this.bindings.groupsOf(request.liveId)) excludeGroups.add(groupId);
      }
      const attempts = await Promise.allSettled(
        chosen
          .filter((c) => bound.has(c.id))
          .map(async (c) => ({ node: c, outcome: await this.recnode.start(c.endpoint, request.liveId) })),
      );
      const refused: string[] = [];
      attempts.forEach((attempt, i) => {
        const node = chosen.filter((c) => bound.has(c.id))[i]!;
        excludeNodes.add(node.id);
        if (attempt.status === 'fulfilled' && attempt.value.outcome !== 'state_missing') {
          started.push(node);
          excludeGroups.add(node.groupId);
          return;
        }
        const reason =
          attempt.status === 'fulfilled'
            ? 'the node found no recording state for the live'
            : (attempt.reason as Error).message;
        failures.push({ node: node.name, reason });
        refused.push(node.id);
        this.logger.warn(`node ${node.name} did not start live ${request.liveId}: ${reason}`);
      });
      await this.bindings.unbind(request.liveId, refused);
      if (started.length > 0 && !(await this.bindings.isOpen(request.liveId))) {
        await this.withdraw(request.liveId, started.splice(0));
        shortfall = CLOSED;
        break;
      }
    }
    if (started.length < request.count && !shortfall)
      shortfall = `${started.length} of ${request.count} node(s) started`;
    return {
      started,
      failures,
      shortfall: started.length < request.count ? shortfall : null,
      closed: shortfall === CLOSED,
    };
  }

  /**
   * Stops recorders started for a live whose finish began meanwhile: its finisher may have read the
   * bindings and cancelled on these nodes before they started, and would not come back to them.
   */
  private async withdraw(liveId: string, nodes: CandidateNode[]): Promise<void> {
    this.logger.warn(`live ${liveId} is being finished: withdrawing ${nodes.map((n) => n.name).join(', ')}`);
    await Promise.allSettled(nodes.map((n) => this.recnode.cancel(n.endpoint, liveId)));
    await this.bindings.unbind(
      liveId,
      nodes.map((n) => n.id),
    );
  }

  private describeShortfall(candidateCount: number, request: AllocationRequest, started: number): string {
    if (candidateCount === 0) return 'no node is available (none registered, or all cordoned)';
    return `no node with free capacity in another group${request.domesticOnly ? ' among domestic nodes' : ''} (${started} of ${request.count} started)`;
  }
}
