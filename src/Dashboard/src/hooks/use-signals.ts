import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';

/** A session's signals and score; refetched on an interval while the session may still raise more. */
export function useSessionSignalsQuery(sessionId: string, refetchIntervalMs?: number) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.signals(sessionId),
    queryFn: ({ signal }) => api.getSessionSignals(sessionId, signal),
    refetchInterval: refetchIntervalMs,
  });
}
