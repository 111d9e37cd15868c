import type { Journey } from '../../api/visitor-types';
import { formatClock } from '../../lib/format';
import type { JourneyClock } from './use-journey-clock';

/** The speeds rrweb-player offers on the replay page. */
export const SPEEDS = [1, 2, 4, 8] as const;

/** One play/pause, one scrubber over the whole journey (wall clock), the time, and the speed. */
export function MergedControls(props: { journey: Pick<Journey, 'startMs' | 'endMs'>; clock: JourneyClock }) {
  const { journey, clock } = props;
  const duration = Math.max(0, journey.endMs - journey.startMs);
  const elapsed = Math.min(duration, Math.max(0, clock.timeMs - journey.startMs));
  return (
    <div className="merged-controls">
      <button
        type="button"
        className="button button--small"
        data-testid="merged-play"
        onClick={clock.playing ? clock.pause : clock.play}
        aria-pressed={clock.playing}
      >
        {clock.playing ? 'Pause' : 'Play'}
      </button>
      <input
        type="range"
        className="merged-controls__scrubber"
        data-testid="merged-scrubber"
        aria-label="Journey time"
        min={0}
        max={duration}
        step={1}
        value={elapsed}
        onChange={(event) => clock.seek(journey.startMs + Number(event.target.value))}
      />
      <span className="mono small" data-testid="merged-time" title={new Date(clock.timeMs).toLocaleTimeString()}>
        {formatClock(elapsed)} / {formatClock(duration)}
      </span>
      <label className="merged-controls__speed small">
        <span className="visually-hidden">Speed</span>
        <select data-testid="merged-speed" value={clock.speed} onChange={(event) => clock.setSpeed(Number(event.target.value))}>
          {SPEEDS.map((speed) => (
            <option key={speed} value={speed}>
              {speed}×
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
