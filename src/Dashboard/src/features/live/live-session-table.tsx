import type { LiveSessionRow } from '../../hooks/live-cache';
import { formatCount, formatDuration, shortUrl } from '../../lib/format';
import { hrefFor, navigate } from '../../lib/router';
import { summarizeUserAgent } from '../../lib/user-agent';

/** Time since the session started, ticking with `now`; the recorded span once it ended. */
export function liveDuration(row: LiveSessionRow, now: number): number {
  if (row.status === 'ended') return row.durationMs;
  const started = Date.parse(row.startedAt);
  return Number.isNaN(started) ? row.durationMs : Math.max(row.durationMs, now - started);
}

function LiveSessionRowView(props: { row: LiveSessionRow; now: number }) {
  const { row } = props;
  const ua = summarizeUserAgent(row.userAgent);
  const ended = row.status === 'ended';
  return (
    <tr className={ended ? 'live-row live-row--ended' : 'live-row'} data-testid="live-session-row" data-session-id={row.id}>
      <td className="live-row__url">
        {/* Recorded content: shown as text, never as a link target (see replay/CONTEXT.md). */}
        <span className="truncate" title={row.currentUrl ?? undefined} data-testid="live-current-url">
          {row.currentUrl ? shortUrl(row.currentUrl) : '—'}
        </span>
      </td>
      <td>
        <span>{ua.browser}</span>
        <div className="muted small">
          {ua.os} · {ua.device}
        </div>
      </td>
      <td>
        <span className="mono" data-testid="live-duration">{formatDuration(liveDuration(row, props.now))}</span>
        {ended ? <span className="badge">ended</span> : <span className="badge badge--live">live</span>}
      </td>
      <td className="numeric">
        <span className="mono" data-testid="live-row-viewers">{row.viewerCount}</span>
      </td>
      <td className="numeric">
        <span className="mono" data-testid="live-row-events">{formatCount(row.eventCount)}</span>
      </td>
      <td className="numeric">
        {ended ? (
          <a className="button button--small" href={hrefFor({ name: 'replay', sessionId: row.id })}>
            Replay
          </a>
        ) : (
          <button
            type="button"
            className="button button--small button--primary"
            data-testid="watch-live"
            onClick={() => navigate({ name: 'live-view', sessionId: row.id })}
          >
            Watch live
          </button>
        )}
      </td>
    </tr>
  );
}

export function LiveSessionTable(props: { rows: readonly LiveSessionRow[]; now: number }) {
  return (
    <table className="table sessions-table">
      <thead>
        <tr>
          <th scope="col">Current page</th>
          <th scope="col">Device</th>
          <th scope="col">Duration</th>
          <th scope="col" className="numeric">Viewers</th>
          <th scope="col" className="numeric">Events</th>
          <th scope="col" className="numeric">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <LiveSessionRowView key={row.id} row={row} now={props.now} />
        ))}
      </tbody>
    </table>
  );
}
