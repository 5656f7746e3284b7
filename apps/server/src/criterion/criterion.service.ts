/**
 * Criterion use cases. Unlike the original, every body is validated, and an update is checked on
 * the criterion it would produce, not on the request — so "domesticOnly = false" is never refused
 * because of the stored overseasFirst, and domestic-only and overseas-first can never both hold.
 */
import { Injectable } from '@nestjs/common';
import {
  CRITERION_RULES,
  type CreateChzzkCriterionBody,
  type CreateCriterionUnitBody,
  type CreateSoopCriterionBody,
  type CriterionDto,
  ERROR_CODES,
  type PlatformName,
  type UpdateCriterionBody,
} from '@recflow/contracts';
import { PlatformRepository } from '../channel/platform.repository';
import { DatabaseHandle } from '../db/db.module';
import { isUniqueViolation } from '../db/pg-errors';
import { ConflictError, InvalidStateError, NotFoundError, ValidationError } from '../shared/errors';
import { ActiveCriteria } from './active-criteria';
import { toCriterionDto } from './criterion.mapper';
import { CriterionRepository } from './criterion.repository';
import { LiveHistory } from './live-history';

type CreateBody =
  | (CreateChzzkCriterionBody & { platform: 'chzzk' })
  | (CreateSoopCriterionBody & { platform: 'soop' });

@Injectable()
export class CriterionService {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly criteria: CriterionRepository,
    private readonly platforms: PlatformRepository,
    private readonly active: ActiveCriteria,
    private readonly history: LiveHistory,
  ) {}

  async historyOf(id: string) {
    await this.get(id);
    return this.history.list(id);
  }

  async rules() {
    return (await this.criteria.rules()).map((r) => {
      const [platform, kind] = Object.entries(CRITERION_RULES).flatMap(([p, kinds]) =>
        Object.entries(kinds)
          .filter(([, name]) => name === r.name)
          .map(([k]) => [p, k]),
      )[0]!;
      return {
        id: r.id,
        name: r.name,
        platform: platform as PlatformName,
        kind: kind as 'tag' | 'keyword' | 'category',
      };
    });
  }

  async list(platform: PlatformName): Promise<CriterionDto[]> {
    return (await this.criteria.records({ platform })).map(toCriterionDto);
  }

  async get(id: string): Promise<CriterionDto> {
    const record = await this.criteria.record(id);
    if (!record) throw notFound(id);
    return toCriterionDto(record);
  }

  async create(body: CreateBody): Promise<CriterionDto> {
    const platform = await this.platforms.byName(body.platform);
    const ruleIds = await this.ruleIds(body.platform);
    const rules = CRITERION_RULES[body.platform];
    const category =
      body.platform === 'chzzk'
        ? { pos: body.positiveWps, neg: body.negativeWps }
        : { pos: body.positiveCates, neg: body.negativeCates };
    const lists: Array<[string, string[], boolean]> = [
      [rules.tag, body.positiveTags, true],
      [rules.tag, body.negativeTags, false],
      [rules.keyword, body.positiveKeywords, true],
      [rules.keyword, body.negativeKeywords, false],
      [rules.category, category.pos, true],
      [rules.category, category.neg, false],
    ];
    try {
      const id = await this.handle.database.db.transaction(async (tx) => {
        const row = await this.criteria.insert(tx, {
          name: body.name,
          description: body.description ?? null,
          platformId: platform.id,
          isDeactivated: body.isDeactivated,
          enforceCreds: body.enforceCreds,
          domesticOnly: body.domesticOnly,
          overseasFirst: body.overseasFirst,
          loggingOnly: body.loggingOnly,
          minUserCnt: body.minUserCnt,
        });
        await this.criteria.insertUnits(
          tx,
          lists.flatMap(([rule, values, isPositive]) =>
            values.map((value) => ({ criterionId: row.id, ruleId: ruleIds.get(rule)!, value, isPositive })),
          ),
        );
        return row.id;
      });
      await this.active.changed();
      return this.get(id);
    } catch (error) {
      if (isUniqueViolation(error, 'live_criterion_name_key')) {
        throw new ConflictError(
          `A criterion named "${body.name}" already exists`,
          ERROR_CODES.criterion.alreadyExists,
          [{ field: 'body.name', message: 'already exists' }],
        );
      }
      throw error;
    }
  }

  async update(id: string, body: UpdateCriterionBody): Promise<CriterionDto> {
    const current = await this.criteria.record(id);
    if (!current) throw notFound(id);
    const result = { ...current.criterion, ...body };
    if (result.domesticOnly && result.overseasFirst) {
      throw new InvalidStateError(
        'The criterion would be both domesticOnly and overseasFirst; turn one off in the same request',
        ERROR_CODES.criterion.locationConflict,
      );
    }
    await this.criteria.update(id, body);
    await this.active.changed();
    return this.get(id);
  }

  async remove(id: string): Promise<CriterionDto> {
    const dto = await this.get(id);
    await this.criteria.delete(id);
    await this.active.changed();
    return dto;
  }

  async addUnit(body: CreateCriterionUnitBody): Promise<CriterionDto> {
    const record = await this.criteria.record(body.criterionId);
    if (!record) throw notFound(body.criterionId);
    const rules = await this.criteria.rules();
    const rule = rules.find((r) => (body.ruleId ? r.id === body.ruleId : r.name === body.ruleName));
    if (!rule)
      throw new NotFoundError('No such rule', ERROR_CODES.criterion.ruleNotFound, [
        { field: 'body.ruleId', message: 'no such rule' },
      ]);
    const own = CRITERION_RULES[record.platform];
    if (!Object.values(own).includes(rule.name as never)) {
      throw new ValidationError(
        `Rule ${rule.name} is not a ${record.platform} rule`,
        ERROR_CODES.criterion.rulePlatform,
        [{ field: 'body.ruleId', message: `must be one of ${Object.values(own).join(', ')}` }],
      );
    }
    if (rule.name === own.category && !/^\d{1,12}$/.test(body.value)) {
      throw new ValidationError(
        `${rule.name} values are whole numbers`,
        ERROR_CODES.criterion.valueNotNumber,
        [{ field: 'body.value', message: 'must be a whole number' }],
      );
    }
    try {
      await this.criteria.insertUnits(this.handle.database.db, [
        { criterionId: record.criterion.id, ruleId: rule.id, value: body.value, isPositive: body.isPositive },
      ]);
    } catch (error) {
      if (isUniqueViolation(error, 'live_criterion_unit_key')) {
        throw new ConflictError(
          `The criterion already has this ${body.isPositive ? 'positive' : 'negative'} value`,
          ERROR_CODES.criterion.unitExists,
        );
      }
      throw error;
    }
    await this.active.changed();
    return this.get(record.criterion.id);
  }

  async removeUnit(id: string): Promise<CriterionDto> {
    const unit = await this.criteria.unit(id);
    if (!unit) throw new NotFoundError(`No criterion unit with id ${id}`, ERROR_CODES.criterion.unitNotFound);
    if (!(await this.criteria.deleteUnitKeepingASearch(id))) {
      throw new InvalidStateError(
        'This is the last positive value of an active criterion: it would search nothing. Add another one or deactivate it first',
        ERROR_CODES.criterion.lastSearch,
      );
    }
    await this.active.changed();
    return this.get(unit.criterionId);
  }

  private async ruleIds(platform: PlatformName): Promise<Map<string, string>> {
    const names = new Set<string>(Object.values(CRITERION_RULES[platform]));
    return new Map((await this.criteria.rules()).filter((r) => names.has(r.name)).map((r) => [r.name, r.id]));
  }
}

function notFound(id: string) {
  return new NotFoundError(`No criterion with id ${id}`, ERROR_CODES.criterion.notFound);
}
