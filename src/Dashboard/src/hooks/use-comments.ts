import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Comment, NewComment } from '../api/types';
import { applyComment } from './live-cache';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';
import { useLiveConnection } from './use-live-connection';

/**
 * Comments of a session. New ones arrive as CommentAdded pushes written into this cache entry
 * (live view: as a viewer; replay: through useCommentPushes); the optional interval refetch is a
 * backstop for pushes lost while the live connection was down.
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

/**
 * Asks the hub for the session's new comments while mounted, without watching it live (the SDK
 * stays in normal batching). After a reconnect, comments pushed meanwhile are fetched again.
 */
export function useCommentPushes(sessionId: string): void {
  const connection = useLiveConnection();
  const queryClient = useQueryClient();
  useEffect(() => {
    const handle = connection.watchComments(sessionId, {
      onWatched: ({ rewatch }) => {
        if (rewatch) void queryClient.invalidateQueries({ queryKey: queryKeys.comments(sessionId) });
      },
    });
    return () => handle.release();
  }, [connection, queryClient, sessionId]);
}
