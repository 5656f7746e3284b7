/**
 * Keeps every recording live on its target number of nodes, in distinct groups: missing nodes are
 * added at once (that is how a failed node gets replaced), extras are removed youngest binding
 * first, and a live that cannot get a node gets one notice per broadcast. Lives younger than
 * LIVE_ALLOCATION_INIT_WAIT_SEC, and lives whose recording state is missing or marked invalid
 * (other tasks handle those), are left alone. A live stuck in `initializing` past
 * LIVE_REGISTRATION_TIMEOUT_SEC was interrupted (a crash mid-registration) and is cleaned up. One
 * statement reads every live; only lives that need a change cost more.
 */
import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log';
import { AppConfig } from '../config/app-config';
import { Clock } from '../shared/clock';
import { settleWithConcurrency } from '../shared/concurrency';
import { RecnodeClient } from '../upstream/recnode/recnode.client';
import { RecnodeRedis } from '../upstream/recnode/recnode-redis';
import { LiveRepository } from './live.repository';
import { type AllocationView, LiveAllocationRepository } from './live-allocation.repository';
import { LiveAllocator } from './live-allocator';
import { LiveNodeRepository } from './live-node.repository';
import { Notifications } from './notifications';

export interface BalanceOutcome {
  lives: number;
  added: number;
  removed: number;
  short: number;
  interrupted: number;
}

const CONCURRENCY = 10;

@Injectable()
export class LiveBalancer {
  private readonly logger = new Logger('LiveBalancer');

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly view: LiveAllocationRepository,
    private readonly allocator: LiveAllocator,
    private readonly bindings: LiveNodeRepository,
    private readonly lives: LiveRepository,
    private readonly recnode: RecnodeClient,
    private readonly recnodeRedis: RecnodeRedis,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
  ) {}

  /**
   * One pass over every unfinished live, or over some (`liveIds`); `skipGrace` replaces at once
   * even a young live's nodes, as recovery does for a binding it has just removed, and
   * `avoidNodeIds` keeps nodes that just failed out of this pass.
   */
  async balance(
    options: { liveIds?: string[]; skipGrace?: boolean; avoidNodeIds?: string[] } = {},
  ): Promise<BalanceOutcome> {
    const v = this.config.values;
    const now = this.clock.now().getTime();
    const graceMs = options.skipGrace ? 0 : v.LIVE_ALLOCATION_INIT_WAIT_SEC * 1000;
    const lives = await this.view.activeLives(options.liveIds);
    const outcome: BalanceOutcome = { lives: lives.length, added: 0, removed: 0, short: 0, interrupted: 0 };
    if (lives.length === 0) return outcome;
    const states = await this.recnodeRedis.liveStates(
      lives.map((l) => l.id),
      'master',
    );

    await settleWithConcurrency(lives, CONCURRENCY, async (live, i) => {
      const age = now - live.createdAt.getTime();
      if (live.status === 'initializing') {
        if (age > v.LIVE_REGISTRATION_TIMEOUT_SEC * 1000) {
          await this.abandon(live, 'registration was interrupted before any node confirmed');
          outcome.interrupted++;
        }
        return;
      }
      const state = states[i];
      if (live.status !== 'recording' || age < graceMs || !state || state.isInvalid) return;
      const target = Math.min(live.nodesPerLive ?? v.NODES_PER_LIVE, v.MAX_CONCURRENT_LIVE);
      if (live.nodes.length < target) {
        const result = await this.allocator.allocate({
          liveId: live.id,
          count: target - live.nodes.length,
          domesticOnly: live.domesticOnly,
          overseasFirst: live.overseasFirst,
          excludeGroupIds: live.nodes.map((n) => n.groupId),
          excludeNodeIds: [...live.nodes.map((n) => n.nodeId), ...(options.avoidNodeIds ?? [])],
        });
        outcome.added += result.started.length;
        const why = options.skipGrace ? 'replacing a failed node' : 'bringing the live to its target';
        await this.audit.record(
          ...result.started.map((n) => ({
            kind: 'live.node_added',
            liveId: live.id,
            nodeId: n.id,
            message: `${n.name} started recording (${why})`,
          })),
        );
        if (result.started.length > 0) {
          this.logger.log(
            `${age < 300_000 ? 'Init allocation' : 'Reallocation'} Live ${live.id}: + ${result.started.map((n) => n.name).join(', ')}`,
          );
        }
        if (result.shortfall && !result.closed) {
          outcome.short++;
          this.notifications.noNode(live.channelName, {
            viewCnt: live.viewCnt,
            liveTitle: live.liveTitle,
            type: live.platform,
            liveUid: live.sourceId,
          });
        }
      } else if (live.nodes.length > target && !live.nodes.some((n) => n.isCordoned)) {
        // A live with a node on a cordoned node is being drained: the drain releases that node
        // once the replacement records, so the balancer leaves the extra alone meanwhile.
        // The youngest bindings have recorded least: they go first (by binding time, not by the
        // node's own age, which the original used).
        const extras = [...live.nodes]
          .sort((a, b) => b.boundAt.localeCompare(a.boundAt) || b.nodeId.localeCompare(a.nodeId))
          .slice(0, live.nodes.length - target);
        await Promise.allSettled(extras.map((n) => this.recnode.cancel(n.endpoint, live.id)));
        await this.bindings.unbind(
          live.id,
          extras.map((n) => n.nodeId),
        );
        outcome.removed += extras.length;
        await this.audit.record(
          ...extras.map((n) => ({
            kind: 'live.node_removed',
            liveId: live.id,
            nodeId: n.nodeId,
            message: `released: more nodes than the target of ${target}`,
          })),
        );
      }
    });
    return outcome;
  }

  private async abandon(live: AllocationView, reason: string): Promise<void> {
    await Promise.allSettled(live.nodes.map((n) => this.recnode.cancel(n.endpoint, live.id)));
    await this.bindings.unbind(live.id);
    await this.recnodeRedis.deleteLiveState(live.id).catch(() => undefined);
    await this.lives.markFailed(live.id, reason);
    await this.audit.record({ kind: 'live.failed', liveId: live.id, message: reason });
    this.logger.warn(`Live ${live.id} failed: ${reason}`);
  }
}
