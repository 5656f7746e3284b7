/** The balancer's view of every unfinished live, with its bindings, in one statement. */
import { Injectable } from '@nestjs/common';
import type { PlatformName } from '@recflow/contracts';
import { sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';

export interface AllocationView {
  id: string;
  status: 'initializing' | 'recording';
  createdAt: Date;
  platform: PlatformName;
  sourceId: string;
  liveTitle: string;
  viewCnt: number;
  channelName: string;
  domesticOnly: boolean;
  overseasFirst: boolean;
  nodesPerLive: number | null;
  nodes: Array<{ nodeId: string; groupId: string; endpoint: string; boundAt: string; isCordoned: boolean }>;
}

@Injectable()
export class LiveAllocationRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  async activeLives(ids?: string[]): Promise<AllocationView[]> {
    const only = ids
      ? sql`and l.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`
      : sql``;
    const result = (await this.handle.database.db.execute(sql`
      select l.id, l.status, l.created_at as "createdAt", p.name as platform, l.source_id as "sourceId",
             l.live_title as "liveTitle", l.view_cnt as "viewCnt", c.username as "channelName",
             l.domestic_only as "domesticOnly", l.overseas_first as "overseasFirst", g.nodes_per_live as "nodesPerLive",
             coalesce((select json_agg(json_build_object('nodeId', n.id, 'groupId', n.group_id, 'endpoint', n.endpoint,
                                                         'boundAt', ln.created_at, 'isCordoned', n.is_cordoned) order by ln.created_at)
                       from live_node ln join node n on n.id = ln.node_id where ln.live_id = l.id), '[]'::json) as nodes
      from live l
      join platform p on p.id = l.platform_id
      join channel c on c.id = l.channel_id
      join channel_grade g on g.id = c.grade_id
      where l.status in ('initializing', 'recording') ${only}
      order by l.created_at`)) as unknown as {
      rows: Array<Omit<AllocationView, 'createdAt'> & { createdAt: Date | string }>;
    };
    return result.rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
  }
}
