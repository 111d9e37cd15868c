import { useQuery, useQueryClient } from '@tanstack/react-query';
import { mergeLiveRows, rowFromSession, type LiveSessionRow } from './live-cache';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';

/** The newest sessions fetched to find the active ones (the API has no status filter). */
export const liveListFetchLimit = 200;

/**
 * Active sessions of a project: loaded once from GET /projects/{id}/sessions (filtered to
 * `active`, newest first), then kept current by the hub's pushes, which the live
 * connection writes into this query's cache entry.
 */
export function useLiveSessionsQuery(projectId: string | null) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.liveSessions(projectId ?? ''),
    enabled: projectId !== null,
    queryFn: async ({ signal }): Promise<LiveSessionRow[]> => {
      const key = queryKeys.liveSessions(projectId ?? '');
      const startedAt = Date.now();
      const page = await api.listSessions(projectId ?? '', {}, { limit: liveListFetchLimit }, signal);
      const server = page.items
        .filter((session) => session.status === 'active')
        .map((session) => rowFromSession(session, startedAt));
      return mergeLiveRows(server, queryClient.getQueryData<LiveSessionRow[]>(key), startedAt);
    },
    // Pushes keep it current; a refetch only happens on mount and after a re-watch.
    staleTime: Infinity,
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
  });
}
