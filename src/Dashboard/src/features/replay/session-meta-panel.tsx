import type { ReactNode } from 'react';
import type { Session } from '../../api/types';
import { formatBytes, formatCount, formatDateTime, formatDuration, formatRelative } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { describeUserAgent } from '../../lib/user-agent';

function Item(props: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="meta__item">
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.children}</dd>
    </div>
  );
}

const orDash = (value: string | null) => value ?? '—';

export function SessionMetaPanel(props: { session: Session; loadedEvents: number | null }) {
  const { session } = props;
  return (
    <aside className="panel meta" aria-label="Session details" data-testid="session-meta">
      <h2>Session</h2>
      <dl>
        <Item label="Status">
          <span className={session.status === 'active' ? 'badge badge--live' : 'badge'}>{session.status}</span>
        </Item>
        <Item label="Started">
          {formatDateTime(session.startedAt)}
          <div className="muted small">{formatRelative(session.startedAt)}</div>
        </Item>
        {session.endedAt && <Item label="Ended">{formatDateTime(session.endedAt)}</Item>}
        <Item label="Duration" testId="meta-duration">{formatDuration(session.durationMs)}</Item>
        <Item label="Events" testId="meta-events">
          {formatCount(session.eventCount)}
          {props.loadedEvents !== null && props.loadedEvents !== session.eventCount && (
            <div className="muted small">{formatCount(props.loadedEvents)} loaded</div>
          )}
        </Item>
        <Item label="Size">{formatBytes(session.byteSize)}</Item>
        <Item label="Screen">{session.screen ? `${session.screen.width} × ${session.screen.height}` : '—'}</Item>
        <Item label="Browser">
          {describeUserAgent(session.userAgent)}
          {session.userAgent && <div className="muted small break">{session.userAgent}</div>}
        </Item>
        <Item label="Visitor id">
          {session.visitorId ? (
            <a href={hrefFor({ name: 'visitor', projectId: session.projectId, visitorId: session.visitorId })} data-testid="meta-visitor">
              <code className="break">{session.visitorId}</code>
            </a>
          ) : (
            <code className="break">{orDash(session.visitorId)}</code>
          )}
        </Item>
        <Item label="Tab id"><code className="break">{orDash(session.tabId)}</code></Item>
        <Item label="Session id"><code className="break">{session.id}</code></Item>
        {session.referrer && <Item label="Referrer"><span className="break">{session.referrer}</span></Item>}
      </dl>
      <h3>
        Pages visited <span className="muted">({session.pages.length})</span>
      </h3>
      {session.pages.length === 0 ? (
        <p className="muted small">No page recorded.</p>
      ) : (
        <ol className="pages" data-testid="meta-pages">
          {session.pages.map((page, index) => (
            <li key={`${index}-${page}`} className="break" title={page}>
              {page}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
