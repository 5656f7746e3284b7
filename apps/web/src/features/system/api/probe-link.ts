import { useQuery } from '@tanstack/react-query';
import { healthKeys } from '@/shared/api/query-keys';

/**
 * Whether a page of the server (not part of the typed API, e.g. Bull Board) answers, so the
 * settings page can say so instead of offering a link to a 404.
 */
export function useLinkStatus(href: string) {
  return useQuery({
    queryKey: healthKeys.link(href),
    queryFn: async ({ signal }) => {
      const response = await fetch(href, { method: 'GET', signal, headers: { accept: 'text/html' } });
      return response.status;
    },
    staleTime: 60_000,
    retry: false,
  });
}
