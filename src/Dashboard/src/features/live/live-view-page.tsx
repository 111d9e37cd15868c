import { useRef } from 'react';
import { useSessionQuery } from '../../hooks/use-session-query';
import { useConfig } from '../../lib/config';
import { hrefFor } from '../../lib/router';
import { useNow } from '../../lib/use-now';
import { CommentsPanel } from '../comments/comments-panel';
import { createRrwebLiveReplayer, type LiveReplayerFactory } from './live-replayer';
import { elapsedMs, formatIdle, formatLag } from './live-stream';
import { useLiveSession, type LiveSessionState } from './use-live-session';

const watchLabels: Record<LiveSessionState['watchStatus'], string> = {
  watching: 'joining',
  streaming: 'streaming',
  'awaiting-consent': 'awaiting-consent',
  'consent-denied': 'consent-denied',
  failed: 'failed',
};

/** The message over the stage, if any; null once the visitor's page is on screen. */
function stageNotice(live: LiveSessionState): { testId?: string; title: string; text: string } | null {
  if (live.violation) return { testId: 'live-blocked', title: 'Live view blocked', text: live.violation };
  if (live.watchStatus === 'failed') return { testId: 'live-failed', title: 'Cannot watch this session', text: live.error ?? '' };
  if (live.watchStatus === 'consent-denied') {
    return { testId: 'live-consent', title: 'The visitor declined', text: 'The visitor did not agree to be watched.' };
  }
  if (live.watchStatus === 'awaiting-consent') {
    return { testId: 'live-consent', title: 'Asking the visitor', text: 'Waiting for the visitor to agree to be watched…' };
  }
  if (live.phase !== 'playing') {
    return { testId: 'live-waiting', title: "Waiting for the visitor's page…", text: 'It appears as soon as their browser sends a snapshot.' };
  }
  return null;
}

/** A session as it happens: rrweb's live replayer fed by the hub's SessionEvents. */
export default function LiveViewPage(props: { sessionId: string; createReplayer?: LiveReplayerFactory }) {
  const { sessionId } = props;
  const config = useConfig();
  const rootRef = useRef<HTMLDivElement>(null);
  const live = useLiveSession(sessionId, rootRef, {
    createReplayer: props.createReplayer ?? createRrwebLiveReplayer,
    bufferMs: config.liveBufferMs,
  });
  const session = useSessionQuery(sessionId);
  useNow(1000); // re-renders every second so the idle time keeps counting
  // Lag is how late the last batch arrived; idle is how long the visitor has done nothing.
  const idle = formatIdle(elapsedMs(Date.now(), live.newestTimestamp));
  const notice = stageNotice(live);
  const projectId = live.projectId ?? session.data?.projectId ?? null;
  // Comment times and links count from the recording's first event, which the live view itself
  // may never receive (its catch-up starts at the latest snapshot): the server's firstEventAt,
  // or the session start while the server has no event yet.
  const firstTimestamp = session.data ? (session.data.firstEventAt ?? Date.parse(session.data.startedAt)) : null;

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <a className="back-link" href={hrefFor({ name: 'live', projectId })}>
            ← Live sessions
          </a>
          <h1 className="replay-title">
            Live <code>{sessionId}</code>
          </h1>
        </div>
        <a className="button button--small" href={hrefFor({ name: 'replay', sessionId })}>
          Open replay
        </a>
      </div>

      <div className="panel live-bar" role="status">
        <span data-testid="live-status" className={live.connection === 'connected' ? 'live-dot live-dot--on' : 'live-dot'}>
          {live.connection} · {watchLabels[live.watchStatus]}
        </span>
        <span data-testid="live-viewers">
          {live.viewers === null ? '— viewers' : `${live.viewers} ${live.viewers === 1 ? 'viewer' : 'viewers'}`}
        </span>
        <span data-testid="live-lag" className="mono">{formatLag(live.lagMs)}</span>
        {idle && (
          <span data-testid="live-idle" className="mono" title="Time since the visitor's last recorded change">
            {idle}
          </span>
        )}
        {/* Recorded content: text only, never a link (see ../replay/CONTEXT.md). */}
        <span data-testid="live-url" className="live-bar__url truncate" title={live.currentUrl ?? undefined}>
          {live.currentUrl ?? '—'}
        </span>
      </div>
      {live.error && live.watchStatus !== 'failed' && (
        <div className="panel panel--padded form-error" role="alert">
          {live.error}
        </div>
      )}

      <div className="replay-layout">
        <div className="replay-layout__main">
          <div className="panel replay-stage live-stage">
            {notice && (
              <div className="live-stage__notice" data-testid={notice.testId}>
                <h2>{notice.title}</h2>
                <p className="muted">{notice.text}</p>
              </div>
            )}
            <div ref={rootRef} className="live-root" data-testid="live-root" />
          </div>
        </div>
        <div className="replay-layout__side">
          <CommentsPanel
            sessionId={sessionId}
            firstTimestamp={firstTimestamp}
            currentMoment={() => live.newestTimestamp}
            noMomentHint="Nothing has arrived from the visitor yet."
          />
        </div>
      </div>
    </div>
  );
}
