/** All SQL for criteria, their units and the fixed rule kinds. */
import { Injectable } from '@nestjs/common';
import type { PlatformName } from '@recflow/contracts';
import { and, asc, eq, type InferSelectModel, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { DatabaseHandle } from '../db/db.module';
import { liveCriterion, liveCriterionRule, liveCriterionUnit, platform } from '../db/schema';

export type CriterionRow = InferSelectModel<typeof liveCriterion>;
export type CriterionInsert = typeof liveCriterion.$inferInsert;
export type RuleRow = InferSelectModel<typeof liveCriterionRule>;
export interface UnitRow {
  id: string;
  criterionId: string;
  ruleId: string;
  ruleName: string;
  value: string;
  isPositive: boolean;
  createdAt: string;
  updatedAt: string | null;
}
export interface CriterionRecord {
  criterion: CriterionRow;
  platform: PlatformName;
  units: UnitRow[];
}

// Units with their rule names, oldest first; evaluated for the returned criteria only.
const unitsOfCriterion = sql<UnitRow[]>`coalesce((
  select json_agg(json_build_object('id', u.id, 'criterionId', u.criterion_id, 'ruleId', u.rule_id, 'ruleName', r.name,
    'value', u.value, 'isPositive', u.is_positive, 'createdAt', u.created_at, 'updatedAt', u.updated_at)
    order by u.created_at, u.id)
  from live_criterion_unit u join live_criterion_rule r on r.id = u.rule_id
  where u.criterion_id = "live_criterion"."id"
), '[]'::json)`;

@Injectable()
export class CriterionRepository {
  constructor(private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.database.db;
  }

  rules(): Promise<RuleRow[]> {
    return this.db.select().from(liveCriterionRule).orderBy(asc(liveCriterionRule.name));
  }

  async records(where?: { platform?: PlatformName; id?: string }): Promise<CriterionRecord[]> {
    const conditions = [];
    if (where?.platform) conditions.push(eq(platform.name, where.platform));
    if (where?.id) conditions.push(eq(liveCriterion.id, where.id));
    const rows = await this.db
      .select({ criterion: liveCriterion, platform: platform.name, units: unitsOfCriterion })
      .from(liveCriterion)
      .innerJoin(platform, eq(platform.id, liveCriterion.platformId))
      .where(and(...conditions))
      .orderBy(asc(liveCriterion.name));
    return rows;
  }

  async record(id: string): Promise<CriterionRecord | undefined> {
    const [row] = await this.records({ id });
    return row;
  }

  async insert(db: DbOrTx, values: CriterionInsert): Promise<CriterionRow> {
    const [row] = await db.insert(liveCriterion).values(values).returning();
    return row!;
  }

  async insertUnits(
    db: DbOrTx,
    units: Array<{ criterionId: string; ruleId: string; value: string; isPositive: boolean }>,
  ): Promise<void> {
    if (units.length > 0) await db.insert(liveCriterionUnit).values(units);
  }

  async update(id: string, values: Partial<CriterionInsert>): Promise<void> {
    await this.db
      .update(liveCriterion)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(liveCriterion.id, id));
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(liveCriterion).where(eq(liveCriterion.id, id));
  }

  async unit(id: string): Promise<InferSelectModel<typeof liveCriterionUnit> | undefined> {
    const [row] = await this.db.select().from(liveCriterionUnit).where(eq(liveCriterionUnit.id, id));
    return row;
  }

  /**
   * Deletes a unit unless it is the last positive one of an active criterion (which would then
   * search nothing); one statement decides, so two concurrent deletes cannot both pass.
   */
  async deleteUnitKeepingASearch(id: string): Promise<boolean> {
    const result = (await this.db.execute(sql`
      delete from live_criterion_unit u
      where u.id = ${id}
        and (not u.is_positive
          or exists (select 1 from live_criterion c where c.id = u.criterion_id and c.is_deactivated)
          or exists (select 1 from live_criterion_unit o where o.criterion_id = u.criterion_id and o.is_positive and o.id <> u.id))
      returning u.id`)) as unknown as { rows: unknown[] };
    return result.rows.length > 0;
  }
}
