import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Comment, NewComment } from '../api/types';
import { applyComment } from './live-cache';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';

/**
 * Comments of a session. New ones arrive as CommentAdded pushes written into this cache
 * entry; the interval refetch covers pages that do not watch the session (the replay page).
 */
export function useCommentsQuery(sessionId: string, refetchIntervalMs?: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.comments(sessionId),
    queryFn: async ({ signal }) => {
      const fetched = await api.listComments(sessionId, signal);
      // Keep a comment pushed while this request was in flight.
      const cached = queryClient.getQueryData<Comment[]>(queryKeys.comments(sessionId)) ?? [];
      return cached.reduce<Comment[]>((list, comment) => applyComment(list, comment), [...fetched].sort((a, b) => a.at - b.at));
    },
    refetchInterval: refetchIntervalMs,
  });
}

export function useAddComment(sessionId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (comment: NewComment) => api.addComment(sessionId, comment),
    onSuccess: (comment) =>
      queryClient.setQueryData<Comment[]>(queryKeys.comments(sessionId), (list) => applyComment(list, comment)),
  });
}
