import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/shared/api/api-error';

/** A 4xx answer will not change on retry; network failures and 5xx get one more try. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

/** One client for the app, shared by the providers and the route loaders. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 10_000, retry: shouldRetry },
    mutations: { retry: false },
  },
});
