/**
 * Failure detection, which goes on while a node is down (the original's stopped everywhere then,
 * just when failover was needed): every node that holds a binding of a recording live is asked what
 * it records, all in parallel, each with its own timeout. A binding is failed when its node does
 * not answer (a dead node fails all of its lives, while every other node's answer is still used),
 * or when the node answers without recording the live — unless the binding is younger than
 * LIVE_RECOVERY_INIT_WAIT_SEC (a slow start is not a failure). Failed bindings are removed and
 * their recorders cancelled, the node's failure count grows (reaching NODE_FAILURE_THRESHOLD
 * cordons it, with a notice), and the balancer replaces them in the same cycle, from another group.
 * Every node is asked, bound or not, so that the allocator can avoid the ones that are down
 * (node-health), and the lives of failed bindings are watched for segments the dead node had
 * claimed and never downloaded (claim-repair).
 *
 * A node that answers without recording a live may have stopped because of the stream, not of
 * itself: every node checks every new segment against what was recorded, and one numbered far off
 * (more than 150 from the highest recorded, as a numbering reset of the stream is) makes it mark
 * the live's LiveState `isInvalid` and stop; every node of the live finds the same on its next
 * poll, so all of them stop within seconds. Before blaming reachable nodes, recovery reads
 * those lives' states on the recnode master (one MGET per pass, only when there are such
 * failures): an invalid live is left exactly as it is — no unbind, no failure counted, no
 * replacement, no claim-repair watch — for the invalid-live restart, which restarts it once as a
 * new record. Counting these would cordon a healthy fleet on one stream's fault. A state that
 * cannot be read, and a node that does not answer, are judged as before.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { RecnodeRecording } from '@recflow/contracts';
import { AuditLog } from '../audit/audit-log';
import { AppConfig } from '../config/app-config';
import { Clock } from '../shared/clock';
import { settleWithConcurrency } from '../shared/concurrency';
import { UpstreamError } from '../shared/errors';
import { RecnodeClient } from '../upstream/recnode/recnode.client';
import { ClaimRepair } from './claim-repair';
import { LiveBalancer } from './live-balancer';
import { LiveRecoveryRepository, type WatchedBinding } from './live-recovery.repository';
import { NodeHealth } from './node-health';
import { Notifications } from './notifications';

export interface RecoveryOutcome {
  nodes: number;
  unreachable: number;
  bindings: number;
  failed: number;
  replaced: number;
  cordoned: number;
  requeued: number;
  /** Lives whose stopped recorders were left to the invalid-live restart (their stream is invalid). */
  invalid: number;
}

const NODE_CONCURRENCY = 32;

/**
 * The node itself answered 500: alive, but its list could not be built this time. Only a 500:
 * a 502, 503 or 504 comes from a proxy in front of a node that may well be dead.
 */
function isListRace(answer: PromiseSettledResult<unknown>): boolean {
  if (answer.status !== 'rejected') return false;
  const error = answer.reason;
  return error instanceof UpstreamError && error.kind === 'status' && error.upstreamStatus === 500;
}
const HEALTHY = new Set<RecnodeRecording['status']>(['recording', 'completed']);

@Injectable()
export class LiveRecovery {
  private readonly logger = new Logger('LiveRecovery');
  /** Invalid lives already logged, so that each is logged once while it waits for its restart. */
  private readonly loggedInvalid = new Set<string>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly repository: LiveRecoveryRepository,
    private readonly recnode: RecnodeClient,
    private readonly balancer: LiveBalancer,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
    private readonly health: NodeHealth,
    private readonly claims: ClaimRepair,
  ) {}

  async check(): Promise<RecoveryOutcome> {
    const { bindings, nodes } = await this.repository.bindingsOfRecordingLives();
    const v = this.config.values;
    // A node recording nothing recflow counts on has nothing to fail over: it is only asked whether
    // it is reachable, within one recovery interval, so that a dead one (a hung node whose lives
    // already moved) does not make every pass wait out the health timeout and delay the others.
    const bound = new Set(bindings.map((b) => b.nodeId));
    const probeMs = Math.min(v.RECNODE_HEALTH_TIMEOUT_MS, v.LIVE_RECOVERY_INTERVAL_MS);
    const [answers, requeued] = await Promise.all([
      settleWithConcurrency(nodes, NODE_CONCURRENCY, (n) =>
        this.recnode.listing(n.endpoint, bound.has(n.nodeId) ? v.RECNODE_HEALTH_TIMEOUT_MS : probeMs),
      ),
      this.claims.sweep([...new Set(bindings.map((b) => b.liveId))]).catch((error: Error) => {
        this.logger.warn(`claim repair failed: ${error.message}`);
        return 0;
      }),
    ]);
    // recnode's list answers a 500 now and then while the node is fine (it builds the list while
    // its monitor thread removes finished recorders): such a node answered, so it is not
    // unreachable, and its lives are judged only once it has erred RECNODE_LIST_ERROR_PASSES
    // passes in a row. A node that does not answer at all is unreachable at once.
    const erring = nodes.filter((_, i) => isListRace(answers[i]!)).map((n) => n.nodeId);
    const errorPasses = await this.health.countListErrors(
      erring,
      nodes.filter((_, i) => !isListRace(answers[i]!)).map((n) => n.nodeId),
    );
    const patient = new Set(erring.filter((id) => (errorPasses.get(id) ?? 1) < v.RECNODE_LIST_ERROR_PASSES));
    // A node that erred too long is as good as unreachable to the allocator too.
    await this.health.record(
      nodes
        .filter((n, i) => answers[i]!.status === 'rejected' && !patient.has(n.nodeId))
        .map((n) => n.nodeId),
    );
    const byNode = new Map(nodes.map((n, i) => [n.nodeId, answers[i]!]));
    const graceMs = this.config.values.LIVE_RECOVERY_INIT_WAIT_SEC * 1000;
    const now = this.clock.now().getTime();

    let failed: Array<WatchedBinding & { reason: string }> = [];
    for (const binding of bindings) {
      const answer = byNode.get(binding.nodeId)!;
      if (answer.status === 'rejected') {
        if (patient.has(binding.nodeId)) continue;
        const what = isListRace(answer) ? 'node keeps failing its list' : 'node unreachable';
        failed.push({ ...binding, reason: `${what}: ${(answer.reason as Error).message}` });
        continue;
      }
      // Listed in a shape recflow cannot read: the node still holds it, nothing to judge it by.
      if (answer.value.unreadableIds.includes(binding.liveId)) continue;
      const recording = answer.value.recordings.find((r) => r.id === binding.liveId);
      if (recording && HEALTHY.has(recording.status)) continue;
      if (now - binding.boundAt.getTime() < graceMs) continue;
      failed.push({
        ...binding,
        reason: recording ? `recorder ${recording.status}` : 'not recording the live',
      });
    }
    const { invalid, redisDown } = await this.streamInvalid(
      failed.filter((f) => byNode.get(f.nodeId)!.status === 'fulfilled'),
      bindings,
    );
    if (invalid.size > 0)
      failed = failed.filter((f) => !(invalid.has(f.liveId) && byNode.get(f.nodeId)!.status === 'fulfilled'));
    const outcome: RecoveryOutcome = {
      nodes: nodes.length,
      unreachable: answers.filter((a) => a.status === 'rejected' && !isListRace(a)).length,
      bindings: bindings.length,
      failed: failed.length,
      replaced: 0,
      cordoned: 0,
      requeued,
      invalid: invalid.size,
    };
    if (failed.length === 0) return outcome;

    for (const f of failed) this.logger.warn(`node ${f.nodeName} failed live ${f.liveId}: ${f.reason}`);
    await this.repository.unbind(failed);
    await this.claims.watch([...new Set(failed.map((f) => f.liveId))]).catch((error: Error) => {
      this.logger.warn(`cannot watch lives for orphaned claims: ${error.message}`);
    });
    await this.audit.record(
      ...failed.map((f) => ({
        kind: 'live.node_failed',
        liveId: f.liveId,
        nodeId: f.nodeId,
        message: `${f.nodeName}: ${f.reason}`,
      })),
    );
    // Best effort: a dead node cannot be told, a live one (even one whose list keeps failing) stops
    // a recorder that is no longer counted.
    void Promise.allSettled(
      failed
        .filter((f) => byNode.get(f.nodeId)!.status === 'fulfilled' || isListRace(byNode.get(f.nodeId)!))
        .map((f) => this.recnode.cancel(f.endpoint, f.liveId)),
    );
    const perNode = new Map<string, number>();
    const blamed = new Map<string, number>();
    for (const f of failed) {
      perNode.set(f.nodeId, (perNode.get(f.nodeId) ?? 0) + 1);
      // A recorder that fails while the live's stream is unavailable, or while the recnode Redis
      // cannot be read, says nothing about its node: counting it would cordon healthy nodes during
      // a platform outage, or the whole fleet during a Redis one.
      if ((f.streamUnavailable || redisDown) && byNode.get(f.nodeId)!.status === 'fulfilled') continue;
      blamed.set(f.nodeId, (blamed.get(f.nodeId) ?? 0) + 1);
    }
    const cordoned = await this.repository.recordFailures(blamed, this.config.values.NODE_FAILURE_THRESHOLD);
    for (const node of cordoned) this.notifications.nodeCordoned(node.name);
    await this.audit.record(
      ...cordoned.map((n) => ({
        kind: 'node.cordoned',
        nodeId: n.id,
        message: `cordoned: failure count reached ${this.config.values.NODE_FAILURE_THRESHOLD}`,
      })),
    );
    outcome.cordoned = cordoned.length;

    // Replacements come from other nodes than those that just failed, in this pass at least.
    const balance = await this.balancer.balance({
      liveIds: [...new Set(failed.map((f) => f.liveId))],
      skipGrace: true,
      avoidNodeIds: [...perNode.keys()],
    });
    outcome.replaced = balance.added;
    return outcome;
  }

  /**
   * The lives among `stopped` (failed bindings whose node answered) whose LiveState on the recnode
   * master is marked invalid. If the recnode Redis cannot be read, none, and `redisDown` says so:
   * a recnode recorder ends on any Redis error of its poll, so every recorder of the fleet stops
   * while that Redis is away, and none of it is its node's fault.
   */
  private async streamInvalid(
    stopped: Array<WatchedBinding & { reason: string }>,
    bindings: WatchedBinding[],
  ): Promise<{ invalid: Set<string>; redisDown: boolean }> {
    const liveIds = [...new Set(stopped.map((f) => f.liveId))];
    let redisDown = false;
    const invalid =
      liveIds.length === 0
        ? new Set<string>()
        : await this.repository.invalidLives(liveIds).catch((error: Error) => {
            redisDown = true;
            this.logger.warn(
              `cannot read the recnode Redis (${error.message}): recorders that stopped are failed over, their nodes not blamed`,
            );
            return new Set<string>();
          });
    // Forget the lives no longer recording (restarted or finished), so that the memory stays small.
    const recording = new Set(bindings.map((b) => b.liveId));
    for (const id of this.loggedInvalid) if (!recording.has(id)) this.loggedInvalid.delete(id);
    for (const id of invalid) {
      if (this.loggedInvalid.has(id)) continue;
      this.loggedInvalid.add(id);
      const nodes = stopped.filter((f) => f.liveId === id).map((f) => f.nodeName);
      this.logger.warn(
        `live ${id}: ${nodes.join(', ')} stopped recording it because recnode found its stream invalid ` +
          '(e.g. a numbering reset); no node is blamed, the invalid-live restart records it anew',
      );
    }
    return { invalid, redisDown };
  }
}
