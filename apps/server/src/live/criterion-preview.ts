/**
 * The preview of a criterion: the lives it would match right now and what detection would do with
 * each, for an operator editing it. It runs detection's own searches and judgement
 * (criterion-search, criterion-matching) without registering, notifying or writing anything, so
 * it costs one SQL statement (two for a saved criterion) whatever it finds.
 */

import { Injectable } from '@nestjs/common';
import type { CriterionDraft, CriterionPreviewDto, PreviewLiveDto, PreviewOutcome } from '@recflow/contracts';
import { ERROR_CODES } from '@recflow/contracts';
import { AppConfig } from '../config/app-config';
import { CriterionRepository } from '../criterion/criterion.repository';
import { type CriterionSpec, judge, specOfDraft, specOfRecord } from '../criterion/criterion-matching';
import { CriterionSearch } from '../criterion/criterion-search';
import { Clock } from '../shared/clock';
import { NotFoundError, UpstreamError } from '../shared/errors';
import { STREAMQ } from '../upstream/streamq/streamq.client';
import { DetectionRepository } from './detection.repository';

const ORDER: Record<PreviewOutcome, number> = { record: 0, log: 1, notify: 2, skip: 3 };

@Injectable()
export class CriterionPreview {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly search: CriterionSearch,
    private readonly channels: DetectionRepository,
    private readonly criteria: CriterionRepository,
  ) {}

  ofDraft(draft: CriterionDraft): Promise<CriterionPreviewDto> {
    return this.preview(specOfDraft(draft), null);
  }

  async ofSaved(id: string): Promise<CriterionPreviewDto> {
    const record = await this.criteria.record(id);
    if (!record) throw new NotFoundError(`No criterion with id ${id}`, ERROR_CODES.criterion.notFound);
    return this.preview(specOfRecord(record), id);
  }

  private async preview(spec: CriterionSpec, criterionId: string | null): Promise<CriterionPreviewDto> {
    const at = this.clock.now().toISOString();
    const found = await this.search.run(spec, this.config.values.CRITERIA_PREVIEW_TIMEOUT_MS);
    if (found.searches.length > 0 && found.searches.every((s) => !s.ok)) {
      // Nothing could be asked: that is streamq failing, not an empty preview.
      throw new UpstreamError(
        STREAMQ,
        `every search failed: ${found.searches.map((s) => `${s.unit.kind} "${s.unit.value}": ${s.error}`).join('; ')}`,
        'unreachable',
      );
    }
    const known = new Map(
      (
        await this.channels.known(
          found.lives.map(({ live }) => ({ platform: live.type, sourceId: live.channelUid })),
        )
      ).map((k) => [k.sourceId, k]),
    );
    const lives = found.lives.map(({ live, matched }): PreviewLiveDto => {
      const channel = known.get(live.channelUid);
      return {
        platform: live.type,
        liveUid: live.liveUid,
        title: live.liveTitle,
        viewCnt: live.viewCnt,
        tags: live.tags,
        category: live.category,
        isAdult: live.isAdult,
        openDate: live.openDate,
        channel: {
          uid: live.channelUid,
          username: channel?.username ?? live.channelName,
          id: channel?.id ?? null,
          known: channel !== undefined,
          grade: channel?.grade ?? null,
        },
        matched,
        ...judge(spec, live, channel),
      };
    });
    lives.sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome] || b.viewCnt - a.viewCnt);
    const counts = { record: 0, log: 0, notify: 0, skip: 0 };
    for (const live of lives) counts[live.outcome]++;
    return {
      platform: spec.platform,
      criterionId,
      at,
      searches: found.searches.map(({ unit, ...report }) => ({ ...unit, ...report })),
      lives,
      counts,
    };
  }
}
