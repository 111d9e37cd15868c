import type { Session } from '../../api/types';
import { formatDateTime, formatDuration, shortUrl } from '../../lib/format';
import { hrefFor } from '../../lib/router';

/** A compact list of sessions, newest first, each opening its replay. */
export function IdentitySessions(props: { sessions: readonly Session[] }) {
  return (
    <ul className="identity-sessions">
      {props.sessions.map((session) => (
        <li key={session.id} data-testid="identity-session" data-session-id={session.id}>
          <a href={hrefFor({ name: 'replay', sessionId: session.id })}>{formatDateTime(session.startedAt)}</a>{' '}
          <span className="mono">{formatDuration(session.durationMs)}</span>{' '}
          <span className="muted small">{session.firstUrl ? shortUrl(session.firstUrl) : '—'}</span>
        </li>
      ))}
    </ul>
  );
}
