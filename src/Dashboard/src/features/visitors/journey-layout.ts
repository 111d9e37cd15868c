import type { Journey } from '../../api/visitor-types';

/** A span on the shared time axis, in percent of its width. */
export interface Span {
  readonly leftPct: number;
  readonly widthPct: number;
}

export interface LaneBar extends Span {
  readonly sessionId: string;
  readonly tabId: string | null;
  /** When this lane's tab was the one in front. */
  readonly front: readonly Span[];
}

export interface Axis {
  readonly startMs: number;
  readonly endMs: number;
}

/** One axis wide enough for every journey given (a person's timeline puts all devices on it). */
export function axisOf(journeys: readonly Journey[]): Axis {
  return {
    startMs: Math.min(...journeys.map((journey) => journey.startMs)),
    endMs: Math.max(...journeys.map((journey) => journey.endMs)),
  };
}

/** The journey's lanes, in the order served (by start), positioned on <paramref name="axis"/>. */
export function layoutJourney(journey: Journey, axis: Axis = journey): LaneBar[] {
  const total = Math.max(1, axis.endMs - axis.startMs);
  const span = (from: number, to: number): Span => ({
    leftPct: ((from - axis.startMs) / total) * 100,
    widthPct: (Math.max(0, to - from) / total) * 100,
  });
  return journey.lanes.map((lane) => ({
    sessionId: lane.sessionId,
    tabId: lane.tabId,
    ...span(lane.startMs, lane.endMs),
    front: journey.front.filter((interval) => interval.sessionId === lane.sessionId).map((interval) => span(interval.fromMs, interval.toMs)),
  }));
}
