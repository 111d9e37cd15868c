import type { Signal } from '../../api/live-hub-contract';
import { formatOffset, markerPosition, momentOffset } from '../comments/moments';
import { signalLabel } from './signal-labels';

/**
 * Signal markers on a strip under the replay: one per signal at (at − first) / duration, titled with
 * its explanation; a click seeks the replay to that moment.
 */
export function SignalMarkers(props: {
  signals: readonly Signal[];
  firstTimestamp: number;
  durationMs: number;
  onSeek: (offsetMs: number) => void;
}) {
  if (props.signals.length === 0) return null;
  return (
    <div className="signal-markers" data-testid="signal-markers">
      {props.signals.map((signal) => {
        const position = markerPosition(signal.at, props.firstTimestamp, props.durationMs);
        const offset = momentOffset(signal.at, props.firstTimestamp);
        return (
          <button
            key={signal.index}
            type="button"
            className={`signal-marker signal-marker--${signal.type}`}
            data-testid="signal-marker"
            data-signal-type={signal.type}
            data-position={position.toFixed(4)}
            style={{ left: `${position * 100}%` }}
            title={`${formatOffset(offset)} · ${signalLabel(signal.type)}: ${signal.explanation}`}
            aria-label={`${signalLabel(signal.type)} at ${formatOffset(offset)}`}
            onClick={() => props.onSeek(Math.min(offset, props.durationMs))}
          />
        );
      })}
    </div>
  );
}
