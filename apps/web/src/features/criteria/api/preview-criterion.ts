import { api, type CriterionDraft, type RouteRequest } from '@recflow/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { criterionKeys } from '@/shared/api/query-keys';

export type CriterionDraftInput = RouteRequest<typeof api.criteria.previewDraft>['body'];

const previewKeys = {
  all: [...criterionKeys.all, 'preview'] as const,
  draft: (draft: CriterionDraftInput) => [...previewKeys.all, 'draft', draft] as const,
  saved: (id: string) => [...previewKeys.all, 'saved', id] as const,
};

/**
 * The lives a draft would match now. The draft is the key: a new draft is a new query, and the
 * one it replaces is aborted through its signal, so a slow stale answer never overwrites a fresh one.
 */
export const draftPreviewQueryOptions = (draft: CriterionDraftInput) =>
  queryOptions({
    queryKey: previewKeys.draft(draft),
    queryFn: ({ signal }) => call(api.criteria.previewDraft, { body: draft }, { signal }),
    staleTime: 10_000,
    retry: false,
  });

export function useDraftPreview(draft: CriterionDraftInput | null) {
  return useQuery({
    ...draftPreviewQueryOptions(draft ?? ({} as CriterionDraft)),
    enabled: draft !== null,
    // The previous answer stays on screen, marked as updating, while the next one loads.
    placeholderData: keepPreviousData,
  });
}

export function useSavedPreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: previewKeys.saved(id),
    queryFn: ({ signal }) => call(api.criteria.preview, { params: { id } }, { signal }),
    enabled,
    staleTime: 0,
    retry: false,
  });
}
