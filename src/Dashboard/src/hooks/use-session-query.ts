import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionKitApi } from '../api/sessionkit-api';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';

export function sessionQueryOptions(api: SessionKitApi, id: string) {
  return queryOptions({
    queryKey: queryKeys.session(id),
    queryFn: ({ signal }) => api.getSession(id, signal),
  });
}

/**
 * The recorded events, loaded once per visit: a replay must not reset under the viewer
 * because an active session received another batch.
 */
export function sessionEventsQueryOptions(api: SessionKitApi, id: string) {
  return queryOptions({
    queryKey: queryKeys.sessionEvents(id),
    queryFn: ({ signal }) => api.getSessionEvents(id, signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    gcTime: 60_000,
  });
}

export function useSessionQuery(id: string) {
  return useQuery(sessionQueryOptions(useApi(), id));
}

export function useSessionEventsQuery(id: string) {
  return useQuery(sessionEventsQueryOptions(useApi(), id));
}
