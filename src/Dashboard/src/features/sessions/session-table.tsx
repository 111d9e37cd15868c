import type { MouseEvent } from 'react';
import type { Session } from '../../api/types';
import { formatBytes, formatCount, formatDateTime, formatDuration, formatRelative, shortUrl } from '../../lib/format';
import { hrefFor, navigate } from '../../lib/router';
import { summarizeUserAgent } from '../../lib/user-agent';
import { scoreBand, signalLabel } from '../signals/signal-labels';

function SessionRow(props: { session: Session; now: number }) {
  const { session } = props;
  const ua = summarizeUserAgent(session.userAgent);
  const pages = session.pages.length;
  const open = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest('a')) return; // the link handles itself
    navigate({ name: 'replay', sessionId: session.id });
  };
  return (
    <tr className="session-row" data-testid="session-row" data-session-id={session.id} onClick={open}>
      <td>
        <a className="session-row__link" href={hrefFor({ name: 'replay', sessionId: session.id })}>
          {formatRelative(session.startedAt, props.now)}
        </a>
        <div className="muted small">{formatDateTime(session.startedAt)}</div>
      </td>
      <td>
        <span className="mono">{formatDuration(session.durationMs)}</span>
        {session.status === 'active' && <span className="badge badge--live">live</span>}
      </td>
      <td className="session-row__pages">
        <span className="mono">{pages} {pages === 1 ? 'page' : 'pages'}</span>
        <div className="muted small truncate" title={session.firstUrl ?? undefined}>
          {session.firstUrl ? shortUrl(session.firstUrl) : '—'}
        </div>
      </td>
      <td>
        <span>{ua.browser}</span>
        <div className="muted small">
          {ua.os}
          {session.screen ? ` · ${session.screen.width}×${session.screen.height}` : ''}
        </div>
      </td>
      <td data-testid="session-frustration">
        <span className={`score score--${scoreBand(session.frustrationScore ?? 0)}`}>{session.frustrationScore ?? 0}</span>
        <div className="muted small">{(session.signalTypes ?? []).map(signalLabel).join(', ')}</div>
      </td>
      <td className="numeric">
        <span className="mono">{formatCount(session.eventCount)}</span>
        <div className="muted small">{formatBytes(session.byteSize)}</div>
      </td>
    </tr>
  );
}

export function SessionTable(props: { sessions: Session[]; now: number }) {
  return (
    <table className="table sessions-table">
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
          <th scope="col">Pages</th>
          <th scope="col">Device</th>
          <th scope="col">Frustration</th>
          <th scope="col" className="numeric">Events</th>
        </tr>
      </thead>
      <tbody>
        {props.sessions.map((session) => (
          <SessionRow key={session.id} session={session} now={props.now} />
        ))}
      </tbody>
    </table>
  );
}
