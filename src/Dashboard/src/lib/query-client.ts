import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/http';
import { PayloadError } from '../api/decode';

/** Client errors (4xx) and malformed payloads do not get better by retrying. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof PayloadError) return false;
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

/** The one TanStack Query client, with the dashboard's central defaults. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        gcTime: 5 * 60_000,
        retry: shouldRetry,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
