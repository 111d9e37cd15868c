import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SignalRaisedMessage } from '../api/live-hub-contract';
import { queryKeys } from './query-keys';

/**
 * Signals raised in the project's sessions while its live page is open, newest first. Nothing is fetched:
 * the live connection writes SignalRaised pushes into this cache entry (connectLiveCacheWriters).
 */
export function useLiveSignals(projectId: string | null) {
  const queryClient = useQueryClient();
  const key = queryKeys.liveSignals(projectId ?? '');
  return useQuery({
    queryKey: key,
    enabled: projectId !== null,
    queryFn: () => queryClient.getQueryData<SignalRaisedMessage[]>(key) ?? [],
    staleTime: Infinity,
  });
}
