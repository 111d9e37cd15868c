import { useQueries } from '@tanstack/react-query';
import { useRef } from 'react';
import type { RecordedEvent } from '../../api/types';
import type { Journey } from '../../api/visitor-types';
import { sessionEventsQueryOptions } from '../../hooks/use-session-query';
import { useApi } from '../../hooks/use-api';
import { checkReplayable, sortEventsByTimestamp } from '../replay/sort-events';

/** A tab's recording as the merged player needs it. */
export type TabEvents =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'empty' }
  | { readonly state: 'ready'; readonly events: readonly RecordedEvent[]; readonly firstMs: number; readonly durationMs: number };

function prepare(events: readonly RecordedEvent[]): TabEvents {
  const sorted = sortEventsByTimestamp(events);
  const [first, last] = [sorted[0], sorted.at(-1)];
  if (!first || !last || !checkReplayable(sorted).ok) return { state: 'empty' };
  return { state: 'ready', events: sorted, firstMs: first.timestamp, durationMs: last.timestamp - first.timestamp };
}

/**
 * Every lane's events, through the replay page's query (loaded once per visit, shared with it). Sorting is
 * cached per response, so a tab keeps the same events object, and its replayer, across renders.
 */
export function useJourneyEvents(journey: Journey): ReadonlyMap<string, TabEvents> {
  const api = useApi();
  const prepared = useRef(new WeakMap<readonly RecordedEvent[], TabEvents>());
  const results = useQueries({ queries: journey.lanes.map((lane) => sessionEventsQueryOptions(api, lane.sessionId)) });
  const tabs = new Map<string, TabEvents>();
  journey.lanes.forEach((lane, index) => {
    const result = results[index];
    if (!result || result.isPending) tabs.set(lane.sessionId, { state: 'loading' });
    else if (result.isError) tabs.set(lane.sessionId, { state: 'error', message: result.error.message });
    else {
      let tab = prepared.current.get(result.data);
      if (!tab) {
        tab = prepare(result.data);
        prepared.current.set(result.data, tab);
      }
      tabs.set(lane.sessionId, tab);
    }
  });
  return tabs;
}
