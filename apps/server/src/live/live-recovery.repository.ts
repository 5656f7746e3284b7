/**
 * The recovery loop's view: every node and every binding of a recording live, in one statement;
 * and, for the lives some node stopped recording, whether recnode found their stream invalid.
 */
import { Injectable } from '@nestjs/common';
import { inArray, sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { node } from '../db/schema';
import { nodesLockedInOrder } from '../node/node.repository';
import { RecnodeRedis } from '../upstream/recnode/recnode-redis';

export interface WatchedBinding {
  liveId: string;
  nodeId: string;
  nodeName: string;
  endpoint: string;
  boundAt: Date;
  /** The platform says the broadcast is on but its stream cannot be fetched: not the node's fault. */
  streamUnavailable: boolean;
}

export type WatchedNode = Pick<WatchedBinding, 'nodeId' | 'nodeName' | 'endpoint'>;

export interface FailureCount {
  id: string;
  name: string;
  failureCnt: number;
}

@Injectable()
export class LiveRecoveryRepository {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly recnodeRedis: RecnodeRedis,
  ) {}

  /**
   * Which of `liveIds` have a LiveState marked `isInvalid`, in one MGET on the recnode master: a
   * node sets the flag there just before it stops, and the replica may not have it yet. A state
   * that is missing or unreadable counts as not invalid; a Redis that cannot be read throws.
   */
  async invalidLives(liveIds: string[]): Promise<Set<string>> {
    if (liveIds.length === 0) return new Set();
    const states = await this.recnodeRedis.liveStates(liveIds, 'master');
    return new Set(liveIds.filter((_, i) => states[i]?.isInvalid === true));
  }

  /**
   * Every binding of a recording live, with its node, plus one row with a null live for each node
   * that has none (so that recovery asks every node, and knows which ones are down before the
   * allocator picks them). One statement.
   */
  async bindingsOfRecordingLives(): Promise<{ bindings: WatchedBinding[]; nodes: WatchedNode[] }> {
    const result = (await this.handle.database.db.execute(sql`
      select b.live_id as "liveId", n.id as "nodeId", n.name as "nodeName", n.endpoint, b.created_at as "boundAt",
        coalesce(b.stream_unavailable, false) as "streamUnavailable"
      from node n
      left join (
        select ln.live_id, ln.node_id, ln.created_at, l.stream_unavailable_since is not null as stream_unavailable
        from live_node ln join live l on l.id = ln.live_id
        where l.status = 'recording'
      ) b on b.node_id = n.id`)) as unknown as {
      rows: Array<
        Omit<WatchedBinding, 'boundAt' | 'liveId'> & { liveId: string | null; boundAt: Date | string | null }
      >;
    };
    const nodes = new Map<string, WatchedNode>();
    const bindings: WatchedBinding[] = [];
    for (const r of result.rows) {
      nodes.set(r.nodeId, { nodeId: r.nodeId, nodeName: r.nodeName, endpoint: r.endpoint });
      if (r.liveId !== null) bindings.push({ ...r, liveId: r.liveId, boundAt: new Date(r.boundAt!) });
    }
    return { bindings, nodes: [...nodes.values()] };
  }

  /** Removes the given bindings (live, node) in one statement. */
  async unbind(pairs: Array<{ liveId: string; nodeId: string }>): Promise<void> {
    if (pairs.length === 0) return;
    await this.handle.database.db.execute(sql`
      delete from live_node ln using jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as p("liveId" uuid, "nodeId" uuid)
      where ln.live_id = p."liveId" and ln.node_id = p."nodeId"`);
  }

  /**
   * Adds failures to nodes, and cordons (resetting the count) those that reach the threshold, in
   * one statement; returns the nodes that were just cordoned.
   */
  async recordFailures(failures: Map<string, number>, threshold: number): Promise<FailureCount[]> {
    if (failures.size === 0) return [];
    const rows = [...failures].map(([id, n]) => ({ id, n }));
    const result = (await this.handle.database.db.execute(sql`
      update node set
        failure_cnt = case when node.failure_cnt + f.n >= ${threshold} then 0 else node.failure_cnt + f.n end,
        is_cordoned = node.is_cordoned or node.failure_cnt + f.n >= ${threshold},
        updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as f(id uuid, n int)
      where node.id = f.id and node.id in ${nodesLockedInOrder(inArray(node.id, [...failures.keys()]))}
      returning node.id, node.name, node.failure_cnt as "failureCnt", (node.failure_cnt = 0 and node.is_cordoned) as "justCordoned"`)) as unknown as {
      rows: Array<FailureCount & { justCordoned: boolean }>;
    };
    return result.rows.filter((r) => r.justCordoned);
  }
}
