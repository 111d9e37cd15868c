import type { Signal } from '../../api/live-hub-contract';
import type { SessionSignals } from '../../api/signal-decoders';
import { formatOffset, momentOffset } from '../comments/moments';
import { scoreBand, signalLabel } from './signal-labels';

/** The session's frustration score and every signal with its explanation; a click on one jumps the replay there. */
export function SignalsPanel(props: {
  data: SessionSignals | undefined;
  error: Error | null;
  firstTimestamp: number | null;
  onSelect: (signal: Signal) => void;
}) {
  const { data } = props;
  return (
    <section className="panel panel--padded signals-panel" data-testid="signals-panel" aria-label="Frustration signals">
      <h2 className="signals-panel__title">
        Frustration{' '}
        {data && (
          <span className={`score score--${scoreBand(data.score)}`} data-testid="frustration-score">
            {data.score}
          </span>
        )}
      </h2>
      {props.error && <p className="muted">Signals could not be loaded: {props.error.message}</p>}
      {data && data.signals.length === 0 && <p className="muted">No frustration signals in this session.</p>}
      <ol className="signals-list">
        {data?.signals.map((signal) => (
          <li key={signal.index}>
            <button type="button" className="signal-item" data-testid="signal-item" onClick={() => props.onSelect(signal)}>
              <span className={`signal-type signal-type--${signal.type}`}>{signalLabel(signal.type)}</span>
              {props.firstTimestamp !== null && <span className="muted"> · {formatOffset(momentOffset(signal.at, props.firstTimestamp))}</span>}
              <span className="signal-item__explanation">{signal.explanation}</span>
              {signal.url && <span className="signal-item__url muted">{signal.url}</span>}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
