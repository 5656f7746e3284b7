/** SQL of live_stream: one row per broadcast, refreshed when stlink resolves it again. */
import { Injectable } from '@nestjs/common';
import type { InferSelectModel } from 'drizzle-orm';
import { and, desc, eq, sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { liveStream } from '../db/schema';
import type { ResolvedStream } from '../upstream/stlink/stlink.client';

export type LiveStreamRow = InferSelectModel<typeof liveStream>;

@Injectable()
export class LiveStreamRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  async find(channelId: string, sourceId: string): Promise<LiveStreamRow | undefined> {
    const [row] = await this.handle.database.db
      .select()
      .from(liveStream)
      .where(and(eq(liveStream.channelId, channelId), eq(liveStream.sourceId, sourceId)))
      .orderBy(desc(liveStream.createdAt))
      .limit(1);
    return row;
  }

  /** Inserts or replaces the broadcast's stream; updated_at moves (the original's never did). */
  async upsert(channelId: string, sourceId: string, stream: ResolvedStream): Promise<LiveStreamRow> {
    const [row] = await this.handle.database.db
      .insert(liveStream)
      .values({
        channelId,
        sourceId,
        url: stream.url,
        params: stream.params,
        headers: stream.headers,
        checkedAt: sql`now()`,
      })
      .onConflictDoUpdate({
        target: [liveStream.channelId, liveStream.sourceId],
        set: {
          url: stream.url,
          params: stream.params,
          headers: stream.headers,
          updatedAt: sql`now()`,
          checkedAt: sql`now()`,
        },
      })
      .returning();
    return row!;
  }
}
