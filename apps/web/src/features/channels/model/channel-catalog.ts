import type { GradeDto, TagWithUsageDto } from '@recflow/contracts';

/**
 * The grades and tags the channel UI offers in its selects. They belong to their own features,
 * so the page loads them and hands them down.
 */
export interface ChannelCatalog {
  grades: GradeDto[];
  tags: TagWithUsageDto[];
}
