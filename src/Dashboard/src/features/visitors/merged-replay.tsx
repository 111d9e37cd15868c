import { useState } from 'react';
import type { Journey } from '../../api/visitor-types';
import { formatDuration } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { mergedSteps, type Follow } from './merged-timeline';

/**
 * The journey as one timeline: following the tab in front, or one tab alone. Each step opens that tab's
 * replay at the moment the step begins, so the steps in order replay the journey as the visitor lived it.
 */
export function MergedReplay(props: { journey: Journey }) {
  const [follow, setFollow] = useState<Follow>('front');
  const steps = mergedSteps(props.journey, follow);
  return (
    <div className="merged-replay">
      <label className="field field--inline">
        <span className="field__label">Replay</span>
        <select
          data-testid="merged-follow"
          value={follow === 'front' ? 'front' : follow.sessionId}
          onChange={(event) => setFollow(event.target.value === 'front' ? 'front' : { sessionId: event.target.value })}
        >
          <option value="front">Follow the tab in front</option>
          {props.journey.lanes.map((lane, index) => (
            <option key={lane.sessionId} value={lane.sessionId}>
              Tab {index + 1} alone
            </option>
          ))}
        </select>
      </label>
      <ol className="merged-replay__steps">
        {steps.map((step) => (
          <li key={`${step.sessionId}-${step.fromMs}`} data-testid="merged-step" data-session-id={step.sessionId}>
            <a href={hrefFor({ name: 'replay', sessionId: step.sessionId, t: step.offsetMs })}>
              Tab {props.journey.lanes.findIndex((lane) => lane.sessionId === step.sessionId) + 1} for {formatDuration(step.durationMs)}
            </a>
          </li>
        ))}
      </ol>
    </div>
  );
}
