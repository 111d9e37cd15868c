import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ProjectPicker } from '../../components/project-picker';
import { visibleLiveRows } from '../../hooks/live-cache';
import { queryKeys } from '../../hooks/query-keys';
import { useLiveConnection, useLiveConnectionState } from '../../hooks/use-live-connection';
import { useLiveSessionsQuery } from '../../hooks/use-live-sessions';
import { useLiveSignals } from '../../hooks/use-live-signals';
import { useProjectsQuery } from '../../hooks/use-projects';
import { useConfig } from '../../lib/config';
import { hrefFor } from '../../lib/router';
import { useNow } from '../../lib/use-now';
import { resolveProjectId } from '../sessions/resolve-project';
import { StrugglingNow } from '../signals/struggling-now';
import { ConnectionBadge } from './connection-badge';
import { LiveSessionTable } from './live-session-table';

/** Watches the project on the hub while mounted; after a re-watch, reloads the list (pushes may have been missed). */
function useWatchProject(projectId: string | null): void {
  const connection = useLiveConnection();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (projectId === null) return;
    const handle = connection.watchProject(projectId, {
      onWatched: ({ rewatch }) => {
        if (rewatch) void queryClient.invalidateQueries({ queryKey: queryKeys.liveSessions(projectId) });
      },
    });
    return () => handle.release();
  }, [connection, queryClient, projectId]);
}

/** Active sessions of a project, as they happen. */
export function LiveSessionsPage(props: { projectId: string | null }) {
  const config = useConfig();
  const projects = useProjectsQuery();
  const projectId = resolveProjectId(props.projectId, projects.data, config.defaultProjectId);
  const sessions = useLiveSessionsQuery(projectId);
  const signals = useLiveSignals(projectId);
  const connectionState = useLiveConnectionState();
  const now = useNow(1000);
  useWatchProject(projectId);

  const rows = visibleLiveRows(sessions.data ?? [], now, config.liveEndedVisibleMs);
  const projectName = projects.data?.find((project) => project.id === projectId)?.name ?? projectId;

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1>
            Live <ConnectionBadge state={connectionState} />
          </h1>
          <p className="muted">
            {projectName ? <>Visitors on <strong>{projectName}</strong> right now.</> : 'Visitors right now.'}
          </p>
        </div>
        <ProjectPicker projectId={projectId} routeFor={(id) => ({ name: 'live', projectId: id })} />
      </div>

      {projects.isSuccess && projectId === null && (
        <div className="panel empty" data-testid="live-empty">
          <h2>No projects yet</h2>
          <p className="muted">
            <a href={hrefFor({ name: 'projects' })}>Create a project</a> to get an ingest key and install snippet.
          </p>
        </div>
      )}
      {sessions.isError && (
        <div className="panel panel--padded form-error" role="alert">
          Could not load sessions: {sessions.error.message}
        </div>
      )}
      {sessions.isPending && projectId !== null && <div className="panel panel--padded muted">Loading live sessions…</div>}

      <StrugglingNow
        signals={signals.data ?? []}
        activeSessionIds={new Set(rows.filter((row) => row.status === 'active').map((row) => row.id))}
      />
      {sessions.isSuccess && rows.length === 0 && (
        <div className="panel empty" data-testid="live-empty">
          <h2>Nobody is on the site right now</h2>
          <p className="muted">Sessions appear here the moment a visitor arrives.</p>
        </div>
      )}
      {rows.length > 0 && (
        <div className="panel">
          <LiveSessionTable rows={rows} now={now} />
        </div>
      )}
    </div>
  );
}
