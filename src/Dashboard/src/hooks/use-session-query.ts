import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';

export function useSessionQuery(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.session(id),
    queryFn: ({ signal }) => api.getSession(id, signal),
  });
}

/**
 * The recorded events, loaded once per visit: a replay must not reset under the viewer
 * because an active session received another batch.
 */
export function useSessionEventsQuery(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.sessionEvents(id),
    queryFn: ({ signal }) => api.getSessionEvents(id, signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    gcTime: 60_000,
  });
}
