import { useProjectsQuery } from '../hooks/use-projects';
import { navigate, type Route } from '../lib/router';

/** A project selector shown when there is more than one project; picking one navigates. */
export function ProjectPicker(props: { projectId: string | null; routeFor: (projectId: string) => Route }) {
  const projects = useProjectsQuery();
  if (!projects.data || projects.data.length < 2) return null;
  return (
    <label className="field field--inline">
      <span className="field__label">Project</span>
      <select
        value={props.projectId ?? ''}
        data-testid="project-picker"
        onChange={(event) => navigate(props.routeFor(event.target.value))}
      >
        {projects.data.map((project) => (
          <option key={project.id} value={project.id}>
            {project.name}
          </option>
        ))}
      </select>
    </label>
  );
}
