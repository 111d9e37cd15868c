import { useQueries } from '@tanstack/react-query';
import { useRef, useState } from 'react';
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
 * The lanes whose events the player has asked for so far: the tab shown now and the next one to be shown
 * (so a switch finds it loaded), kept once asked for. A journey of many tabs loads only those it reaches.
 */
export function useNeededLanes(...sessionIds: readonly (string | null)[]): ReadonlySet<string> {
  const [needed, setNeeded] = useState<ReadonlySet<string>>(() => new Set());
  const missing = sessionIds.filter((id): id is string => id !== null && !needed.has(id));
  if (missing.length === 0) return needed;
  // Derived from this render's position: updated during render, which React re-runs at once.
  const next = new Set([...needed, ...missing]);
  setNeeded(next);
  return next;
}

/**
 * The needed lanes' events, through the replay page's query (loaded once per visit, shared with it); the
 * others read as loading. Sorting is cached per response, so a tab keeps the same events object, and its
 * replayer, across renders.
 */
export function useJourneyEvents(journey: Journey, needed: ReadonlySet<string>): ReadonlyMap<string, TabEvents> {
  const api = useApi();
  const prepared = useRef(new WeakMap<readonly RecordedEvent[], TabEvents>());
  const results = useQueries({
    queries: journey.lanes.map((lane) => ({ ...sessionEventsQueryOptions(api, lane.sessionId), enabled: needed.has(lane.sessionId) })),
  });
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
