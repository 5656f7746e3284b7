/** Criterion records to the per-platform API shapes. */
import { CRITERION_RULES, type CriterionDto, type CriterionUnitDto } from '@recflow/contracts';
import { iso, isoOrNull } from '../channel/channel.mapper';
import type { CriterionRecord, UnitRow } from './criterion.repository';

function units(all: UnitRow[], ruleName: string, positive: boolean): CriterionUnitDto[] {
  return all
    .filter((u) => u.ruleName === ruleName && u.isPositive === positive)
    .map((u) => ({ ...u, createdAt: iso(u.createdAt), updatedAt: isoOrNull(u.updatedAt) }));
}

export function toCriterionDto({ criterion: c, platform, units: all }: CriterionRecord): CriterionDto {
  const rules = CRITERION_RULES[platform];
  const base = {
    id: c.id,
    name: c.name,
    description: c.description,
    platformId: c.platformId,
    isDeactivated: c.isDeactivated,
    enforceCreds: c.enforceCreds,
    domesticOnly: c.domesticOnly,
    overseasFirst: c.overseasFirst,
    loggingOnly: c.loggingOnly,
    minUserCnt: c.minUserCnt,
    createdAt: iso(c.createdAt),
    updatedAt: isoOrNull(c.updatedAt),
    positiveTags: units(all, rules.tag, true),
    negativeTags: units(all, rules.tag, false),
    positiveKeywords: units(all, rules.keyword, true),
    negativeKeywords: units(all, rules.keyword, false),
  };
  if (platform === 'chzzk') {
    return {
      ...base,
      platform,
      positiveWps: units(all, rules.category, true),
      negativeWps: units(all, rules.category, false),
    };
  }
  return {
    ...base,
    platform,
    positiveCates: units(all, rules.category, true),
    negativeCates: units(all, rules.category, false),
  };
}
