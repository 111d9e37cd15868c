import { useMemo, useState } from 'react';
import { ProjectPicker } from '../../components/project-picker';
import { useProjectsQuery } from '../../hooks/use-projects';
import { flattenSessions, useSessionsQuery } from '../../hooks/use-sessions-query';
import { useConfig } from '../../lib/config';
import { formatDateTime } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { useNow } from '../../lib/use-now';
import { emptyFilterForm, isFiltered, toSessionFilters, type FilterForm } from './filters';
import { resolveProjectId } from './resolve-project';
import { SessionFilterBar } from './session-filters';
import { SessionTable } from './session-table';

export function SessionsPage(props: { projectId: string | null }) {
  const config = useConfig();
  const projects = useProjectsQuery();
  const projectId = resolveProjectId(props.projectId, projects.data, config.defaultProjectId);
  const [form, setForm] = useState<FilterForm>(emptyFilterForm);
  const filters = useMemo(() => toSessionFilters(form), [form]);
  const sessions = useSessionsQuery(projectId, filters);
  const rows = flattenSessions(sessions.data);
  const now = useNow(30_000);
  const projectName = projects.data?.find((project) => project.id === projectId)?.name ?? projectId;

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1>Sessions</h1>
          <p className="muted">
            {projectName ? <>Recordings of <strong>{projectName}</strong>, newest first.</> : 'Recorded visits, newest first.'}
            {sessions.dataUpdatedAt > 0 && <> Updated {formatDateTime(new Date(sessions.dataUpdatedAt).toISOString())}.</>}
          </p>
        </div>
        <ProjectPicker projectId={projectId} routeFor={(id) => ({ name: 'sessions', projectId: id })} />
      </div>
      <SessionFilterBar value={form} onChange={setForm} />
      {projectId !== null && filters.userId && (
        <p className="muted">
          <a href={hrefFor({ name: 'person', projectId, userId: filters.userId })} data-testid="open-person">
            Open person {filters.userId}: devices, traits and timeline
          </a>
        </p>
      )}

      {projects.isSuccess && projectId === null && (
        <div className="panel empty" data-testid="sessions-empty">
          <h2>No projects yet</h2>
          <p className="muted">
            <a href={hrefFor({ name: 'projects' })}>Create a project</a> to get an ingest key and install snippet.
          </p>
        </div>
      )}
      {projects.isError && projectId === null && (
        <div className="panel panel--padded form-error" role="alert">
          Could not load projects: {projects.error.message}
        </div>
      )}
      {sessions.isError && (
        <div className="panel panel--padded form-error" role="alert">
          Could not load sessions: {sessions.error.message}
        </div>
      )}
      {sessions.isPending && (projectId !== null || projects.isPending) && <div className="panel panel--padded muted">Loading sessions…</div>}

      {sessions.isSuccess && rows.length === 0 && (
        <div className="panel empty" data-testid="sessions-empty">
          {isFiltered(form) ? (
            <>
              <h2>No sessions match these filters</h2>
              <p className="muted">Widen the time range or clear the filters.</p>
            </>
          ) : (
            <>
              <h2>No sessions recorded yet</h2>
              <p className="muted">
                Install the snippet from <a href={hrefFor({ name: 'projects' })}>Projects</a> on your site. New
                sessions show up here within seconds.
              </p>
            </>
          )}
        </div>
      )}

      {rows.length > 0 && (
        <div className="panel">
          <SessionTable sessions={rows} now={now} />
          <div className="table-footer">
            <span className="muted small">
              {rows.length} {rows.length === 1 ? 'session' : 'sessions'}
            </span>
            {sessions.hasNextPage && (
              <button
                type="button"
                className="button"
                data-testid="load-more"
                disabled={sessions.isFetchingNextPage}
                onClick={() => void sessions.fetchNextPage()}
              >
                {sessions.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
