import { useProjectsQuery } from '../../hooks/use-projects';
import { CreateProjectForm } from './create-project-form';
import { ProjectCard } from './project-card';

export function ProjectsPage() {
  const projects = useProjectsQuery();
  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1>Projects</h1>
          <p className="muted">Install the snippet on a site to start recording its sessions.</p>
        </div>
      </div>
      {projects.isPending && <div className="panel panel--padded muted">Loading projects…</div>}
      {projects.isError && (
        <div className="panel panel--padded form-error" role="alert">
          Could not load projects: {projects.error.message}
        </div>
      )}
      <div className="project-list">
        {projects.data?.map((project) => <ProjectCard key={project.id} project={project} />)}
      </div>
      <CreateProjectForm />
    </div>
  );
}
