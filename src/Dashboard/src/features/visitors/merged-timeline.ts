import type { Journey } from '../../api/visitor-types';

/** What to replay: follow the tab in front, or one tab (session id) alone. */
export type Follow = 'front' | { readonly sessionId: string };

/** One stretch of the merged replay: a session from a moment (`offsetMs` after its first event) for `durationMs`. */
export interface ReplayStep {
  readonly sessionId: string;
  readonly fromMs: number;
  readonly offsetMs: number;
  readonly durationMs: number;
}

/**
 * The journey as one timeline: the front-tab intervals in time order, each a stretch of its own session's
 * replay, or a single tab's whole session. Offsets are what the replay page takes as `t`.
 */
export function mergedSteps(journey: Journey, follow: Follow): ReplayStep[] {
  const startOf = new Map(journey.lanes.map((lane) => [lane.sessionId, lane.startMs]));
  const step = (sessionId: string, from: number, to: number): ReplayStep => ({
    sessionId,
    fromMs: from,
    offsetMs: from - (startOf.get(sessionId) ?? from),
    durationMs: to - from,
  });
  if (follow === 'front') {
    return [...journey.front].sort((a, b) => a.fromMs - b.fromMs).map((interval) => step(interval.sessionId, interval.fromMs, interval.toMs));
  }
  const lane = journey.lanes.find((candidate) => candidate.sessionId === follow.sessionId);
  return lane ? [step(lane.sessionId, lane.startMs, lane.endMs)] : [];
}
