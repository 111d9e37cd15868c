import { useCallback, useMemo, useState } from 'react';
import type { Journey } from '../../api/visitor-types';
import { formatClock, formatDuration } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import { JourneyLanes } from './journey-lanes';
import { MergedControls } from './merged-controls';
import { MergedStage } from './merged-stage';
import { nextSwitchMs, offsetIn, positionAt, segmentsOf, type Follow, type Position } from './merged-timeline';
import { createRrwebTabReplayer, type TabReplayerFactory } from './tab-replayer';
import { useJourneyClock } from './use-journey-clock';
import { useJourneyEvents, useNeededLanes, type TabEvents } from './use-journey-events';

function noticeFor(position: Position, tab: TabEvents | undefined, follow: Follow, tabName: (id: string) => string, startMs: number): string | null {
  if (position.kind === 'gap') {
    if (follow !== 'front') return `${tabName(follow.sessionId)} is not open at this moment.`;
    return position.next
      ? `No tab in front. ${tabName(position.next.sessionId)} comes to the front at ${formatClock(position.next.fromMs - startMs)}; playing skips ahead to it.`
      : 'No tab in front: the journey is over.';
  }
  const name = tabName(position.segment.sessionId);
  if (!tab || tab.state === 'loading') return `Loading ${name}…`;
  if (tab.state === 'error') return `Could not load ${name}: ${tab.message}`;
  if (tab.state === 'empty') return `${name} has nothing to replay.`;
  return null;
}

/**
 * A journey replayed as one timeline: the tab lanes, one clock, and one stage that shows whichever tab was
 * in front at the clock's moment (or one tab alone), switching tabs at the front intervals' edges.
 */
export function MergedReplay(props: { journey: Journey; factory?: TabReplayerFactory }) {
  const { journey } = props;
  const factory = props.factory ?? createRrwebTabReplayer;
  const [follow, setFollow] = useState<Follow>('front');
  const segments = useMemo(() => segmentsOf(journey, follow), [journey, follow]);
  const clock = useJourneyClock(journey, segments);
  const [violation, setViolation] = useState<string | null>(null);
  const onSandboxViolation = useCallback((message: string) => setViolation(message), []);

  const tabNumber = (sessionId: string) => journey.lanes.findIndex((lane) => lane.sessionId === sessionId) + 1;
  const tabName = (sessionId: string) => `Tab ${tabNumber(sessionId)}`;
  const position = positionAt(segments, journey, clock.timeMs);
  const shownId = position.kind === 'tab' ? position.segment.sessionId : null;
  const nextSwitch = nextSwitchMs(segments, clock.timeMs);
  const after = nextSwitch === null ? null : positionAt(segments, journey, nextSwitch);
  // The next tab to be shown, past a gap if one comes first (playing skips gaps).
  const upcoming = after?.kind === 'tab' ? after.segment.sessionId : (after?.next?.sessionId ?? null);
  const needed = useNeededLanes(shownId, upcoming);
  const tabs = useJourneyEvents(journey, needed);
  const tab = shownId ? tabs.get(shownId) : undefined;
  const notice = noticeFor(position, tab, follow, tabName, journey.startMs);
  const shownOffset = tab?.state === 'ready' ? offsetIn(tab.firstMs, clock.timeMs) : 0;

  return (
    <div className="merged-replay" data-testid="merged-replay">
      <JourneyLanes
        journey={journey}
        label={`${journey.lanes.length} ${journey.lanes.length === 1 ? 'tab' : 'tabs'}`}
        player={{ currentMs: clock.timeMs, seek: clock.seek }}
      />
      <div className="merged-replay__bar">
        <label className="field field--inline">
          <span className="field__label">Replay</span>
          <select
            data-testid="merged-follow"
            value={follow === 'front' ? 'front' : follow.sessionId}
            onChange={(event) => setFollow(event.target.value === 'front' ? 'front' : { sessionId: event.target.value })}
          >
            <option value="front">Follow the tab in front</option>
            {journey.lanes.map((lane, index) => (
              <option key={lane.sessionId} value={lane.sessionId}>
                Tab {index + 1} alone
              </option>
            ))}
          </select>
        </label>
        <span className="small" data-testid="merged-showing" data-session-id={shownId ?? ''}>
          {shownId ? `Showing ${tabName(shownId)}` : 'No tab shown'}
        </span>
        {after && nextSwitch !== null && (
          <span className="small muted" data-testid="merged-next">
            then {after.kind === 'tab' ? tabName(after.segment.sessionId) : 'no tab'} at {formatClock(nextSwitch - journey.startMs)}
          </span>
        )}
        {shownId && (
          <a className="small" data-testid="merged-open-tab" href={hrefFor({ name: 'replay', sessionId: shownId, t: Math.round(shownOffset) })}>
            Open {tabName(shownId)}&apos;s own replay here
          </a>
        )}
      </div>
      {violation ? (
        <div className="panel empty" data-testid="replay-blocked" role="status">
          <h2>Replay blocked</h2>
          <p className="muted">{violation}</p>
        </div>
      ) : (
        <div className="merged-replay__screen">
          <MergedStage sessionId={notice ? null : shownId} tab={tab} clock={clock} factory={factory} onSandboxViolation={onSandboxViolation} />
          {notice && (
            <div className="merged-replay__notice muted" data-testid="merged-notice" role="status">
              {notice}
            </div>
          )}
        </div>
      )}
      <MergedControls journey={journey} clock={clock} />
      <ol className="merged-replay__steps">
        {segments.map((segment) => (
          <li key={`${segment.sessionId}-${segment.fromMs}`}>
            <button type="button" className="link-button" data-testid="merged-step" data-session-id={segment.sessionId} onClick={() => clock.seek(segment.fromMs)}>
              {formatClock(segment.fromMs - journey.startMs)} {tabName(segment.sessionId)} for {formatDuration(segment.toMs - segment.fromMs)}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
