/**
 * Bulk import of channels from JSON rows or CSV, with a report per row. Rows are independent: one
 * failing row never affects another. New channels get their profile from streamq (bounded
 * concurrency); existing ones are brought up to date (grade, followed, description when given;
 * missing tags attached, none detached), so importing the same file twice changes nothing.
 */
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_GRADE_NAME,
  ERROR_CODES,
  type ImportBody,
  type ImportReport,
  ImportRow,
  type ImportRowResult,
  MAX_IMPORT_ROWS,
} from '@recflow/contracts';
import { DatabaseHandle } from '../db/db.module';
import { settleWithConcurrency } from '../shared/concurrency';
import { parseCsv } from '../shared/csv';
import { DomainError, ValidationError } from '../shared/errors';
import type { ChannelRow, GradeRow, PlatformRow } from './channel.mapper';
import { type ChannelPatch, ChannelRepository } from './channel.repository';
import { ChannelService } from './channel.service';
import { FollowedChannels } from './followed-channels';
import { GradeRepository } from './grade.repository';
import { PlatformRepository } from './platform.repository';
import { TagRepository } from './tag.repository';

const PROFILE_FETCH_CONCURRENCY = 8;
const CSV_COLUMNS = ['platform', 'sourceId', 'grade', 'tags', 'followed', 'description'];

type Parsed =
  | { row: number; value: ImportRow }
  | { row: number; error: string; platform?: string; sourceId?: string };

function parseBool(text: string): boolean | undefined | 'invalid' {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  if (['true', '1', 'yes', 'y'].includes(t)) return true;
  if (['false', '0', 'no', 'n'].includes(t)) return false;
  return 'invalid';
}

function describeIssues(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues.map((i) => `${i.path.map(String).join('.') || 'row'}: ${i.message}`).join('; ');
}

export function parseImportBody(body: ImportBody): Parsed[] {
  let raw: Array<{ row: number; value: unknown }>;
  if ('csv' in body) {
    let csv: ReturnType<typeof parseCsv>;
    try {
      csv = parseCsv(body.csv);
    } catch (error) {
      throw new ValidationError(
        `The CSV cannot be read: ${(error as Error).message}`,
        ERROR_CODES.import.badCsv,
      );
    }
    const missing = ['platform', 'sourceId'].filter((c) => !csv.header.includes(c));
    const unknown = csv.header.filter((c) => !CSV_COLUMNS.includes(c));
    if (missing.length > 0 || unknown.length > 0) {
      throw new ValidationError(
        `The CSV header must name the columns ${CSV_COLUMNS.join(',')} (platform and sourceId required)` +
          (missing.length ? `; missing: ${missing.join(', ')}` : '') +
          (unknown.length ? `; unknown: ${unknown.join(', ')}` : ''),
        ERROR_CODES.import.badCsv,
      );
    }
    if (csv.records.length > MAX_IMPORT_ROWS) {
      throw new ValidationError(`At most ${MAX_IMPORT_ROWS} rows per import`, ERROR_CODES.import.tooManyRows);
    }
    raw = csv.records.map(({ row, values }) => {
      const followed = parseBool(values.followed ?? '');
      const value: Record<string, unknown> = {
        platform: values.platform,
        sourceId: values.sourceId,
        tags: (values.tags ?? '')
          .split(/[|;]/)
          .map((t) => t.trim())
          .filter(Boolean),
      };
      if (values.grade) value.grade = values.grade;
      if (followed !== undefined) value.followed = followed === 'invalid' ? values.followed : followed;
      if (values.description) value.description = values.description;
      return { row, value };
    });
  } else {
    raw = body.rows.map((value, index) => ({ row: index + 1, value }));
  }
  const seen = new Map<string, number>();
  return raw.map(({ row, value }): Parsed => {
    const result = ImportRow.safeParse(value);
    const v = value as { platform?: unknown; sourceId?: unknown };
    const ids = {
      platform: typeof v?.platform === 'string' ? v.platform : undefined,
      sourceId: typeof v?.sourceId === 'string' ? v.sourceId : undefined,
    };
    if (!result.success) return { row, error: describeIssues(result.error), ...ids };
    const key = `${result.data.platform}:${result.data.sourceId}`;
    const first = seen.get(key);
    if (first !== undefined) return { row, error: `repeats row ${first}`, ...ids };
    seen.set(key, row);
    return { row, value: result.data };
  });
}

@Injectable()
export class ChannelImporter {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly channels: ChannelRepository,
    private readonly channelService: ChannelService,
    private readonly platforms: PlatformRepository,
    private readonly grades: GradeRepository,
    private readonly tags: TagRepository,
    private readonly followed: FollowedChannels,
  ) {}

  async import(body: ImportBody): Promise<ImportReport> {
    const parsed = parseImportBody(body);
    const [platforms, grades] = await Promise.all([this.platforms.list(), this.grades.list()]);
    const existing = await this.loadExisting(parsed, platforms);
    const gradeByName = new Map(grades.map((g) => [g.name, g]));

    const settled = await settleWithConcurrency(parsed, PROFILE_FETCH_CONCURRENCY, async (item) => {
      if ('error' in item)
        return this.result(item.row, item.platform, item.sourceId, 'error', null, item.error);
      return this.importRow(item.row, item.value, platforms, gradeByName, existing);
    });
    const rows = settled.map((s, i) => {
      if (s.status === 'fulfilled') return s.value;
      const item = parsed[i]!;
      const value = 'value' in item ? item.value : item;
      const message =
        s.reason instanceof DomainError ? s.reason.message : `failed: ${(s.reason as Error).message}`;
      return this.result(item.row, value.platform, value.sourceId, 'error', null, message);
    });
    const summary = { total: rows.length, created: 0, updated: 0, unchanged: 0, error: 0 };
    for (const r of rows) summary[r.outcome]++;
    return { summary, rows };
  }

  /** Existing channels of every platform in the file: one query per platform. */
  private async loadExisting(
    parsed: Parsed[],
    platforms: PlatformRow[],
  ): Promise<Map<string, ChannelRow & { tagNames: Set<string> }>> {
    const result = new Map<string, ChannelRow & { tagNames: Set<string> }>();
    for (const platform of platforms) {
      const sourceIds = parsed.flatMap((p) =>
        'value' in p && p.value.platform === platform.name ? [p.value.sourceId] : [],
      );
      const rows = await this.channels.findBySourceIds(platform.id, sourceIds);
      const records = await this.channels.findRecords(rows.map((r) => r.id));
      for (const record of records) {
        result.set(`${platform.name}:${record.channel.sourceId}`, {
          ...record.channel,
          tagNames: new Set((record.tags ?? []).map((t) => t.name)),
        });
      }
    }
    return result;
  }

  private async importRow(
    row: number,
    value: ImportRow,
    platforms: PlatformRow[],
    gradeByName: Map<string, GradeRow>,
    existing: Map<string, ChannelRow & { tagNames: Set<string> }>,
  ): Promise<ImportRowResult> {
    const platform = platforms.find((p) => p.name === value.platform)!;
    const grade = value.grade === undefined ? undefined : gradeByName.get(value.grade);
    if (value.grade !== undefined && !grade) {
      return this.result(
        row,
        value.platform,
        value.sourceId,
        'error',
        null,
        `unknown grade "${value.grade}"`,
      );
    }
    const current = existing.get(`${value.platform}:${value.sourceId}`);
    if (!current) {
      const id = await this.channelService.createFromPlatform({
        platform,
        sourceId: value.sourceId,
        grade: grade ?? gradeByName.get(DEFAULT_GRADE_NAME)!,
        isFollowed: value.followed ?? false,
        description: value.description,
        tagNames: value.tags,
      });
      return this.result(row, value.platform, value.sourceId, 'created', id, null);
    }

    const patch: ChannelPatch = {};
    const changes: string[] = [];
    if (grade && grade.id !== current.gradeId) {
      patch.gradeId = grade.id;
      changes.push(`grade → ${grade.name}`);
    }
    if (value.followed !== undefined && value.followed !== current.isFollowed) {
      patch.isFollowed = value.followed;
      changes.push(value.followed ? 'followed' : 'unfollowed');
    }
    if (value.description !== undefined && value.description !== current.description) {
      patch.description = value.description;
      changes.push('description');
    }
    const newTags = value.tags.filter((t) => !current.tagNames.has(t));
    if (newTags.length > 0) changes.push(`tags + ${newTags.join(', ')}`);
    if (changes.length === 0)
      return this.result(row, value.platform, value.sourceId, 'unchanged', current.id, null);

    await this.handle.database.db.transaction(async (tx) => {
      await this.channels.update(tx, current.id, patch);
      const tags = await this.tags.ensureByNames(tx, newTags);
      await this.tags.attach(
        tx,
        current.id,
        tags.map((t) => t.id),
      );
    });
    if (patch.isFollowed !== undefined)
      await this.followed.sync([{ id: current.id, followed: patch.isFollowed }]);
    return this.result(row, value.platform, value.sourceId, 'updated', current.id, changes.join('; '));
  }

  private result(
    row: number,
    platform: string | undefined,
    sourceId: string | undefined,
    outcome: ImportRowResult['outcome'],
    channelId: string | null,
    message: string | null,
  ): ImportRowResult {
    return { row, platform: platform ?? null, sourceId: sourceId ?? null, outcome, channelId, message };
  }
}
