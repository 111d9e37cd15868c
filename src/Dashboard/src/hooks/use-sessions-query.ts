import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { Session, SessionFilters, SessionPage } from '../api/types';
import { useConfig } from '../lib/config';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';

/**
 * Sessions of one project, newest first, paged by the server's cursor. Refetches on an
 * interval so new sessions show up without reloading.
 */
export function useSessionsQuery(projectId: string | null, filters: SessionFilters) {
  const api = useApi();
  const config = useConfig();
  return useInfiniteQuery<SessionPage, Error, InfiniteData<SessionPage>, readonly unknown[], string | null>({
    queryKey: queryKeys.sessions(projectId ?? '', filters),
    enabled: projectId !== null,
    initialPageParam: null,
    queryFn: ({ pageParam, signal }) =>
      api.listSessions(projectId ?? '', filters, { cursor: pageParam, limit: config.sessionsPageSize }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: config.sessionsRefetchMs,
    placeholderData: (previous) => previous,
  });
}

/** Flattens pages, dropping a session repeated across pages (it can move while paging). */
export function flattenSessions(data: InfiniteData<SessionPage> | undefined): Session[] {
  const seen = new Set<string>();
  const out: Session[] = [];
  for (const page of data?.pages ?? []) {
    for (const session of page.items) {
      if (seen.has(session.id)) continue;
      seen.add(session.id);
      out.push(session);
    }
  }
  return out;
}
