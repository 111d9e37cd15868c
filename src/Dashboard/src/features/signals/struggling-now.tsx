import type { SignalRaisedMessage } from '../../api/live-hub-contract';
import { hrefFor } from '../../lib/router';
import { scoreBand, signalLabel } from './signal-labels';

/** The live page's "struggling now": each signal as it is raised, with a one-click "Watch live" on its session. */
export function StrugglingNow(props: { signals: readonly SignalRaisedMessage[]; activeSessionIds: ReadonlySet<string> }) {
  if (props.signals.length === 0) return null;
  return (
    <section className="panel panel--padded struggling" data-testid="struggling-now" aria-label="Struggling now">
      <h2>Struggling now</h2>
      <ul className="signals-list">
        {props.signals.map((message) => (
          <li key={`${message.sessionId}:${message.signal.index}`} className="struggling__item" data-testid="struggling-item">
            <span className={`score score--${scoreBand(message.score)}`}>{message.score}</span>{' '}
            <strong>{signalLabel(message.signal.type)}</strong>: {message.signal.explanation}
            {message.signal.url && <span className="muted small"> · {message.signal.url}</span>}{' '}
            {props.activeSessionIds.has(message.sessionId) ? (
              <a className="button button--small" href={hrefFor({ name: 'live-view', sessionId: message.sessionId })} data-testid="struggling-watch">
                Watch live
              </a>
            ) : (
              <a className="button button--small button--ghost" href={hrefFor({ name: 'replay', sessionId: message.sessionId })}>
                Replay
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
