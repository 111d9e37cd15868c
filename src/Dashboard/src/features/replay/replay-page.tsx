import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/http';
import { CopyButton } from '../../components/copy-button';
import { useSessionEventsQuery, useSessionQuery } from '../../hooks/use-session-query';
import { hrefFor } from '../../lib/router';
import { ReplayPlayer } from './replay-player';
import { SessionMetaPanel } from './session-meta-panel';
import { checkReplayable, sortEventsByTimestamp, type Replayability } from './sort-events';

const NOT_REPLAYABLE: Record<Exclude<Replayability, { ok: true }>['reason'], string> = {
  'no-events': 'This session has no recorded events yet.',
  'no-full-snapshot':
    'This session has no full page snapshot, so there is nothing to replay. The recording may still be starting, or its first batch never arrived.',
  'too-few-events': 'This session has too few events to replay.',
};

function Notice(props: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div className="panel empty" data-testid={props.testId} role="status">
      <h2>{props.title}</h2>
      <p className="muted">{props.children}</p>
    </div>
  );
}

export default function ReplayPage(props: { sessionId: string }) {
  const session = useSessionQuery(props.sessionId);
  const events = useSessionEventsQuery(props.sessionId);
  const [violation, setViolation] = useState<string | null>(null);
  const onSandboxViolation = useCallback((message: string) => setViolation(message), []);

  const sorted = useMemo(() => (events.data ? sortEventsByTimestamp(events.data) : null), [events.data]);
  const replayable = sorted ? checkReplayable(sorted) : null;
  const notFound = [session.error, events.error].some((e) => e instanceof ApiError && e.status === 404);
  const backHref = hrefFor({ name: 'sessions', projectId: session.data?.projectId ?? null });

  let stage: ReactNode;
  if (notFound) {
    stage = <Notice title="Session not found" testId="replay-not-found">No session has the id {props.sessionId}.</Notice>;
  } else if (events.isError) {
    stage = <Notice title="Could not load the recording">{events.error.message}</Notice>;
  } else if (violation) {
    stage = <Notice title="Replay blocked" testId="replay-blocked">{violation}</Notice>;
  } else if (!sorted || !replayable) {
    stage = <div className="panel panel--padded muted">Loading recording…</div>;
  } else if (!replayable.ok) {
    stage = <Notice title="Nothing to replay" testId="replay-unavailable">{NOT_REPLAYABLE[replayable.reason]}</Notice>;
  } else {
    stage = (
      <div className="panel replay-stage">
        <ReplayPlayer events={sorted} onSandboxViolation={onSandboxViolation} />
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <a className="back-link" href={backHref}>
            ← Sessions
          </a>
          <h1 className="replay-title">
            Replay <code>{props.sessionId}</code>
          </h1>
        </div>
        <CopyButton text={window.location.href} label="Copy link" />
      </div>
      <div className="replay-layout">
        <div className="replay-layout__main">{stage}</div>
        {session.data ? (
          <SessionMetaPanel session={session.data} loadedEvents={sorted?.length ?? null} />
        ) : session.isError && !notFound ? (
          <aside className="panel panel--padded form-error">Could not load details: {session.error.message}</aside>
        ) : notFound ? null : (
          <aside className="panel panel--padded muted">Loading details…</aside>
        )}
      </div>
    </div>
  );
}
