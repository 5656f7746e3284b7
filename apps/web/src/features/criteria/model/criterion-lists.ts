/**
 * The six value lists of a criterion, per platform, as the table columns and the create form
 * show them: which DTO/body field holds them and which rule a new unit of them is added under.
 */
import {
  CRITERION_RULES,
  type CriterionDto,
  type CriterionUnitDto,
  type CriterionUnitKind,
} from '@recflow/contracts';

export type CriterionPlatform = keyof typeof CRITERION_RULES;
export const CRITERION_PLATFORMS: readonly CriterionPlatform[] = ['chzzk', 'soop'];

export function parsePlatform(value: string | null): CriterionPlatform {
  return value === 'soop' ? 'soop' : 'chzzk';
}

export type ListKey =
  | 'positiveTags'
  | 'negativeTags'
  | 'positiveKeywords'
  | 'negativeKeywords'
  | 'positiveWps'
  | 'negativeWps'
  | 'positiveCates'
  | 'negativeCates';

export interface UnitList {
  key: ListKey;
  /** Column heading, e.g. `+Tags` or `−WP`. */
  label: string;
  /** What one value is, for messages: "negative keyword". */
  noun: string;
  kind: CriterionUnitKind;
  isPositive: boolean;
  ruleName: string;
  numeric: boolean;
}

function list(platform: CriterionPlatform, kind: CriterionUnitKind, isPositive: boolean): UnitList {
  const category =
    platform === 'chzzk'
      ? { key: 'Wps', label: 'WP', noun: 'watch party number' }
      : {
          key: 'Cates',
          label: 'Cates',
          noun: 'category number',
        };
  const names = {
    tag: { key: 'Tags', label: 'Tags', noun: 'tag' },
    keyword: { key: 'Keywords', label: 'Keywords', noun: 'keyword' },
    category,
  }[kind];
  return {
    key: `${isPositive ? 'positive' : 'negative'}${names.key}` as ListKey,
    label: `${isPositive ? '+' : '−'}${names.label}`,
    noun: `${isPositive ? 'positive' : 'negative'} ${names.noun}`,
    kind,
    isPositive,
    ruleName: CRITERION_RULES[platform][kind],
    numeric: kind === 'category',
  };
}

/** Positive before negative per kind, as the original's columns. */
export function unitListsOf(platform: CriterionPlatform): UnitList[] {
  const kinds: CriterionUnitKind[] = ['tag', 'keyword', 'category'];
  return kinds.flatMap((kind) => [list(platform, kind, true), list(platform, kind, false)]);
}

/** The units of one list; a list the criterion's platform lacks is empty. */
export function unitsOf(criterion: CriterionDto, key: ListKey): CriterionUnitDto[] {
  // The DTO is a union over platforms; `key` comes from unitListsOf(criterion.platform).
  const lists = criterion as unknown as Partial<Record<ListKey, CriterionUnitDto[]>>;
  return lists[key] ?? [];
}
