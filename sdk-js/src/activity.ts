import type { RecordedEvent } from './recorder';

// rrweb's IncrementalSource values a person causes (mouse, scroll, input, touch, drag);
// DOM mutations alone (a ticking clock) must not keep a session alive forever.
const INTERACTION_SOURCES: readonly unknown[] = [1, 2, 3, 5, 6, 12];
const INCREMENTAL_SNAPSHOT = 3;

export const isInteraction = (event: RecordedEvent) =>
  event.type === INCREMENTAL_SNAPSHOT && INTERACTION_SOURCES.includes((event.data as { source?: unknown } | undefined)?.source);
