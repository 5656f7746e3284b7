import { Controller } from '@nestjs/common';
import { api, type RouteInput } from '@recflow/contracts';
import { Input, Route } from '../http/route.decorator';
import { CriterionPreview } from './criterion-preview';

/** The criteria preview routes; here because a preview is a dry run of detection. */
@Controller()
export class CriterionPreviewController {
  constructor(private readonly preview: CriterionPreview) {}

  @Route(api.criteria.previewDraft)
  previewDraft(@Input() { body }: RouteInput<typeof api.criteria.previewDraft>) {
    return this.preview.ofDraft(body);
  }

  @Route(api.criteria.preview)
  previewSaved(@Input() { params }: RouteInput<typeof api.criteria.preview>) {
    return this.preview.ofSaved(params.id);
  }
}
