/** All SQL for channel grades. */
import { Injectable } from '@nestjs/common';
import { asc, count, eq, sql } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { deleteUnlessReferenced } from '../db/delete-guard';
import { channel, channelGrade } from '../db/schema';
import type { GradeRow } from './channel.mapper';

export type GradeInsert = typeof channelGrade.$inferInsert;

@Injectable()
export class GradeRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.database.db;
  }

  list(): Promise<GradeRow[]> {
    return this.db.select().from(channelGrade).orderBy(asc(channelGrade.seq), asc(channelGrade.name));
  }

  async findById(id: string): Promise<GradeRow | undefined> {
    const [row] = await this.db.select().from(channelGrade).where(eq(channelGrade.id, id));
    return row;
  }

  async findByName(name: string): Promise<GradeRow | undefined> {
    const [row] = await this.db.select().from(channelGrade).where(eq(channelGrade.name, name));
    return row;
  }

  async insert(values: GradeInsert): Promise<GradeRow> {
    const [row] = await this.db.insert(channelGrade).values(values).returning();
    return row!;
  }

  async update(id: string, values: Partial<GradeInsert>): Promise<GradeRow | undefined> {
    const [row] = await this.db
      .update(channelGrade)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(channelGrade.id, id))
      .returning();
    return row;
  }

  /** Deletes the grade; the foreign key refuses while channels use it, and then we say how many do. */
  deleteIfUnused(id: string): Promise<{ deleted: GradeRow | undefined } | { inUse: number }> {
    return deleteUnlessReferenced(
      async () => (await this.db.delete(channelGrade).where(eq(channelGrade.id, id)).returning())[0],
      async () =>
        (await this.db.select({ n: count() }).from(channel).where(eq(channel.gradeId, id)))[0]?.n ?? 0,
    );
  }
}
