import type { Journey } from '../../api/visitor-types';
import { hrefFor } from '../../lib/router';
import { layoutJourney, type Axis } from './journey-layout';

/** A journey's tabs as parallel lanes on one time axis; the darker stretches are when a tab was in front. */
export function JourneyLanes(props: { journey: Journey; axis?: Axis; label?: string }) {
  const bars = layoutJourney(props.journey, props.axis);
  return (
    <div className="journey" data-testid="journey" aria-label={props.label ?? 'Journey'}>
      {props.label && <div className="journey__label muted">{props.label}</div>}
      {bars.map((bar) => (
        <div key={bar.sessionId} className="journey__lane" data-testid="journey-lane" data-session-id={bar.sessionId}>
          <a
            className="journey__bar"
            href={hrefFor({ name: 'replay', sessionId: bar.sessionId })}
            style={{ left: `${bar.leftPct}%`, width: `${Math.max(bar.widthPct, 0.5)}%` }}
            title={`Tab ${bar.tabId ?? bar.sessionId}: replay`}
          />
          {bar.front.map((span) => (
            <span
              key={span.leftPct}
              className="journey__front"
              data-testid="journey-front"
              style={{ left: `${span.leftPct}%`, width: `${span.widthPct}%` }}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
