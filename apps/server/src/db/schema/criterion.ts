/** Criterion domain tables: live_criterion, live_criterion_rule (fixed kinds), live_criterion_unit. */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { platform } from './channel';
import { createdAt, id, tstz } from './columns';

export const CRITERION_RULE_NAMES = [
  'chzzk_tag_name',
  'chzzk_keyword_name',
  'chzzk_watch_party_no',
  'soop_tag_name',
  'soop_keyword_name',
  'soop_cate_no',
] as const;

export const liveCriterion = pgTable(
  'live_criterion',
  {
    id: id(),
    name: text().notNull().unique('live_criterion_name_key'),
    description: text(),
    platformId: uuid()
      .notNull()
      .references(() => platform.id, { onDelete: 'restrict' }),
    /** New criteria start inactive. */
    isDeactivated: boolean().notNull().default(true),
    enforceCreds: boolean().notNull().default(false),
    domesticOnly: boolean().notNull().default(false),
    overseasFirst: boolean().notNull().default(false),
    loggingOnly: boolean().notNull().default(false),
    minUserCnt: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: tstz(),
  },
  (t) => [
    index('live_criterion_active_idx').on(t.platformId).where(sql`not ${t.isDeactivated}`),
    check('live_criterion_min_user_cnt_check', sql`${t.minUserCnt} >= 0`),
    check('live_criterion_location_check', sql`not (${t.domesticOnly} and ${t.overseasFirst})`),
  ],
);

export const liveCriterionRule = pgTable('live_criterion_rule', {
  id: id(),
  name: text().notNull().unique('live_criterion_rule_name_key'),
  createdAt: createdAt(),
  updatedAt: tstz(),
});

export const liveCriterionUnit = pgTable(
  'live_criterion_unit',
  {
    id: id(),
    criterionId: uuid()
      .notNull()
      .references(() => liveCriterion.id, { onDelete: 'cascade' }),
    ruleId: uuid()
      .notNull()
      .references(() => liveCriterionRule.id, { onDelete: 'restrict' }),
    value: text().notNull(),
    isPositive: boolean().notNull(),
    createdAt: createdAt(),
    updatedAt: tstz(),
  },
  (t) => [
    uniqueIndex('live_criterion_unit_key').on(t.criterionId, t.ruleId, t.isPositive, t.value),
    check('live_criterion_unit_value_check', sql`length(${t.value}) > 0`),
  ],
);
