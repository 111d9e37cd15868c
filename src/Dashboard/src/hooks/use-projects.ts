import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NewProject, Project, ProjectChanges } from '../api/types';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';

export function useProjectsQuery() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.projects, queryFn: () => api.listProjects() });
}

function useWriteProjectToCache() {
  const queryClient = useQueryClient();
  return (project: Project) => {
    queryClient.setQueryData<Project[]>(queryKeys.projects, (list) => {
      if (!list) return [project];
      const exists = list.some((p) => p.id === project.id);
      return exists ? list.map((p) => (p.id === project.id ? project : p)) : [...list, project];
    });
    void queryClient.invalidateQueries({ queryKey: queryKeys.projects });
  };
}

export function useCreateProject() {
  const api = useApi();
  const write = useWriteProjectToCache();
  return useMutation({
    mutationFn: (project: NewProject) => api.createProject(project),
    onSuccess: write,
  });
}

export function useUpdateProject() {
  const api = useApi();
  const write = useWriteProjectToCache();
  return useMutation({
    mutationFn: (args: { id: string; changes: ProjectChanges }) => api.updateProject(args.id, args.changes),
    onSuccess: write,
  });
}
