import type { RecordedEvent } from '../../api/types';

/**
 * Events in timestamp order. The server returns them in arrival order (batches can be
 * resent or arrive late), and the replayer needs time order. Stable: events with equal
 * timestamps keep their arrival order, which rrweb relies on (a Meta event is followed by
 * its FullSnapshot at the same millisecond).
 */
export function sortEventsByTimestamp<T extends RecordedEvent>(events: readonly T[]): T[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => a.event.timestamp - b.event.timestamp || a.index - b.index)
    .map(({ event }) => event);
}

/** rrweb event types the dashboard needs to know about. */
export const EventType = { FullSnapshot: 2, IncrementalSnapshot: 3, Meta: 4 } as const;

export type Replayability =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'no-events' | 'no-full-snapshot' | 'too-few-events' };

/** Whether the replayer can show anything: it needs a full snapshot and at least two events. */
export function checkReplayable(events: readonly RecordedEvent[]): Replayability {
  if (events.length === 0) return { ok: false, reason: 'no-events' };
  if (!events.some((event) => event.type === EventType.FullSnapshot)) return { ok: false, reason: 'no-full-snapshot' };
  if (events.length < 2) return { ok: false, reason: 'too-few-events' };
  return { ok: true };
}

/** The recorded viewport (from the first Meta event), used for the player's aspect ratio. */
export function recordedViewport(events: readonly RecordedEvent[]): { width: number; height: number } | null {
  for (const event of events) {
    if (event.type !== EventType.Meta) continue;
    const data = event.data as { width?: unknown; height?: unknown } | undefined;
    if (typeof data?.width === 'number' && typeof data.height === 'number' && data.width > 0 && data.height > 0) {
      return { width: data.width, height: data.height };
    }
  }
  return null;
}
