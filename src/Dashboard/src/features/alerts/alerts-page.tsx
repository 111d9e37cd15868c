import { ProjectPicker } from '../../components/project-picker';
import { useProjectsQuery } from '../../hooks/use-projects';
import { useConfig } from '../../lib/config';
import { resolveProjectId } from '../sessions/resolve-project';
import { RulesPanel } from './rules-panel';
import { WebhooksPanel } from './webhooks-panel';

/** A project's alert rules and the webhooks they are delivered to, each with its delivery log. */
export function AlertsPage(props: { projectId: string | null }) {
  const config = useConfig();
  const projects = useProjectsQuery();
  const projectId = resolveProjectId(props.projectId, projects.data, config.defaultProjectId);
  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1>Alerts</h1>
          <p className="muted">Rules fire once per session; each is posted to its webhooks, signed, and retried on failure.</p>
        </div>
        <ProjectPicker projectId={projectId} routeFor={(id) => ({ name: 'alerts', projectId: id })} />
      </div>
      {projectId !== null && (
        <>
          <RulesPanel projectId={projectId} />
          <WebhooksPanel projectId={projectId} />
        </>
      )}
    </div>
  );
}
