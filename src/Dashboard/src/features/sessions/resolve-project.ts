import type { Project } from '../../api/types';

/** The project to show: the one in the URL, else the default one, else the first. */
export function resolveProjectId(
  requested: string | null,
  projects: readonly Project[] | undefined,
  defaultProjectId: string,
): string | null {
  if (requested !== null) return requested;
  if (!projects) return null;
  if (projects.some((project) => project.id === defaultProjectId)) return defaultProjectId;
  return projects[0]?.id ?? null;
}
