import type { KeyboardEvent, MouseEvent } from 'react';
import type { Journey } from '../../api/visitor-types';
import { hrefFor } from '../../lib/router';
import { layoutJourney, type Axis } from './journey-layout';

/** Lets the lanes drive a merged player: where its clock is, and seeking it. */
export interface LanesPlayer {
  readonly currentMs: number;
  seek(timeMs: number): void;
}

/**
 * A journey's tabs as parallel lanes on one time axis; the darker stretches are when a tab was in front.
 * With `player`, a line marks the player's moment across the lanes and a click on a lane seeks there;
 * without, a lane opens its tab's replay. Either way each tab's name links to its own replay page.
 */
export function JourneyLanes(props: { journey: Journey; axis?: Axis; label?: string; player?: LanesPlayer }) {
  const { journey, player } = props;
  const axis = props.axis ?? journey;
  const bars = layoutJourney(journey, axis);
  const total = Math.max(1, axis.endMs - axis.startMs);
  const markerPct = player ? Math.min(100, Math.max(0, ((player.currentMs - axis.startMs) / total) * 100)) : null;
  const seekFromClick = (event: MouseEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0) player?.seek(axis.startMs + ((event.clientX - box.left) / box.width) * total);
  };
  return (
    <div className="journey" data-testid="journey" aria-label={props.label ?? 'Journey'}>
      {props.label && <div className="journey__label muted">{props.label}</div>}
      {bars.map((bar, index) => {
        const name = `Tab ${index + 1}`;
        const replayHref = hrefFor({ name: 'replay', sessionId: bar.sessionId });
        const seekToStart = (event: KeyboardEvent<HTMLElement>) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          player?.seek(axis.startMs + (bar.leftPct / 100) * total);
        };
        return (
          <div key={bar.sessionId} className="journey__row">
            <a className="journey__name small" href={replayHref} data-testid="journey-tab-link" title={`Open ${name}'s own replay`}>
              {name}
            </a>
            <div
              className={player ? 'journey__lane journey__lane--seekable' : 'journey__lane'}
              data-testid="journey-lane"
              data-session-id={bar.sessionId}
              {...(player && {
                role: 'button',
                tabIndex: 0,
                'aria-label': `Seek the merged replay in ${name}`,
                onClick: seekFromClick,
                onKeyDown: seekToStart,
              })}
            >
              {player ? (
                <span className="journey__bar" style={{ left: `${bar.leftPct}%`, width: `${Math.max(bar.widthPct, 0.5)}%` }} />
              ) : (
                <a
                  className="journey__bar"
                  href={replayHref}
                  style={{ left: `${bar.leftPct}%`, width: `${Math.max(bar.widthPct, 0.5)}%` }}
                  title={`${name}: replay`}
                />
              )}
              {bar.front.map((span) => (
                <span
                  key={span.leftPct}
                  className="journey__front"
                  data-testid="journey-front"
                  style={{ left: `${span.leftPct}%`, width: `${span.widthPct}%` }}
                />
              ))}
              {markerPct !== null && <span className="journey__marker" data-testid="journey-marker" style={{ left: `${markerPct}%` }} />}
            </div>
          </div>
        );
      })}
    </div>
  );
}
