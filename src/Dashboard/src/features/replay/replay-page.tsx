import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/http';
import { CopyButton } from '../../components/copy-button';
import { useCommentPushes, useCommentsQuery } from '../../hooks/use-comments';
import { useSessionEventsQuery, useSessionQuery } from '../../hooks/use-session-query';
import { useSessionSignalsQuery } from '../../hooks/use-signals';
import { useConfig } from '../../lib/config';
import { hrefFor } from '../../lib/router';
import { CommentMarkers } from '../comments/comment-markers';
import { CommentsPanel } from '../comments/comments-panel';
import { momentLink, momentOffset } from '../comments/moments';
import { SignalMarkers } from '../signals/signal-markers';
import { SignalsPanel } from '../signals/signals-panel';
import { ReplayPlayer, type PlayerControls } from './replay-player';
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

/** Seeks to `t` (ms since the first event, from `?t=`) once the player is ready, and whenever `t` changes. */
function useSeekTo(controls: PlayerControls | null, t: number | undefined): void {
  useEffect(() => {
    if (controls && t !== undefined) controls.seek(t);
  }, [controls, t]);
}

export default function ReplayPage(props: { sessionId: string; t?: number }) {
  const { sessionId } = props;
  const config = useConfig();
  const session = useSessionQuery(sessionId);
  const events = useSessionEventsQuery(sessionId);
  const comments = useCommentsQuery(sessionId, config.commentsRefetchMs);
  const signals = useSessionSignalsQuery(sessionId, config.commentsRefetchMs);
  useCommentPushes(sessionId);
  const [violation, setViolation] = useState<string | null>(null);
  const onSandboxViolation = useCallback((message: string) => setViolation(message), []);
  const [controls, setControls] = useState<PlayerControls | null>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  useSeekTo(controls, props.t);

  const sorted = useMemo(() => (events.data ? sortEventsByTimestamp(events.data) : null), [events.data]);
  const first = sorted?.[0]?.timestamp ?? null;
  const durationMs = first === null ? 0 : (sorted?.at(-1)?.timestamp ?? first) - first;
  const currentOffset = () => controls?.currentOffset() ?? props.t ?? 0;
  const replayable = sorted ? checkReplayable(sorted) : null;
  const notFound = [session.error, events.error].some((e) => e instanceof ApiError && e.status === 404);
  const backHref = hrefFor({ name: 'sessions', projectId: session.data?.projectId ?? null });

  let stage: ReactNode;
  if (notFound) {
    stage = <Notice title="Session not found" testId="replay-not-found">No session has the id {sessionId}.</Notice>;
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
        <div className="replay-frame" ref={frameRef}>
          <ReplayPlayer events={sorted} onSandboxViolation={onSandboxViolation} onReady={setControls} />
          {first !== null && (
            <CommentMarkers
              comments={comments.data ?? []}
              firstTimestamp={first}
              durationMs={durationMs}
              player={frameRef}
              onSeek={(offset) => controls?.seek(offset)}
            />
          )}
        </div>
        {first !== null && (
          <SignalMarkers signals={signals.data?.signals ?? []} firstTimestamp={first} durationMs={durationMs} onSeek={(offset) => controls?.seek(offset)} />
        )}
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
            Replay <code>{sessionId}</code>
          </h1>
        </div>
        <div className="row-actions">
          {session.data?.status === 'active' && (
            <a className="button button--small" href={hrefFor({ name: 'live-view', sessionId })}>
              Watch live
            </a>
          )}
          <CopyButton text={() => momentLink(sessionId, currentOffset())} label="Copy link" testId="copy-moment-link" />
        </div>
      </div>
      <div className="replay-layout">
        <div className="replay-layout__main">{stage}</div>
        <div className="replay-layout__side">
          {!notFound && (
            <SignalsPanel
              data={signals.data}
              error={signals.error}
              firstTimestamp={first}
              onSelect={(signal) => first !== null && controls?.seek(momentOffset(signal.at, first))}
            />
          )}
          {!notFound && (
            <CommentsPanel
              sessionId={sessionId}
              firstTimestamp={first}
              currentMoment={() => (first === null || !controls ? null : first + controls.currentOffset())}
              onSelect={(comment) => first !== null && controls?.seek(momentOffset(comment.at, first))}
              refetchIntervalMs={config.commentsRefetchMs}
              noMomentHint="The recording is not loaded yet."
            />
          )}
          {session.data ? (
            <SessionMetaPanel session={session.data} loadedEvents={sorted?.length ?? null} />
          ) : session.isError && !notFound ? (
            <aside className="panel panel--padded form-error">Could not load details: {session.error.message}</aside>
          ) : notFound ? null : (
            <aside className="panel panel--padded muted">Loading details…</aside>
          )}
        </div>
      </div>
    </div>
  );
}
