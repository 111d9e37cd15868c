import { useQuery } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';

export function useVisitorQuery(projectId: string, visitorId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.visitor(projectId, visitorId),
    queryFn: ({ signal }) => api.getVisitor(projectId, visitorId, signal),
  });
}

export function usePersonQuery(projectId: string, userId: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.person(projectId, userId),
    queryFn: ({ signal }) => api.getPerson(projectId, userId, signal),
  });
}
