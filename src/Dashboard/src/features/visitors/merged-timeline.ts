import type { Journey } from '../../api/visitor-types';

/** What to replay: follow the tab in front, or one tab (session id) alone. */
export type Follow = 'front' | { readonly sessionId: string };

/** A stretch of the merged replay showing one session, in wall-clock ms (the recording's Unix ms). */
export interface Segment {
  readonly sessionId: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** Where the journey clock is: inside a segment, or in a gap with the next segment (null at the end). */
export type Position =
  | { readonly kind: 'tab'; readonly segment: Segment }
  | { readonly kind: 'gap'; readonly fromMs: number; readonly toMs: number; readonly next: Segment | null };

/**
 * The journey as non-overlapping segments in time order. Following the front tab, each front interval is
 * one; where intervals overlap (the server never sends that, but a payload is not a proof) the one that
 * began later wins while it lasts, as that tab came to the front last. One tab alone is its lane.
 */
export function segmentsOf(journey: Journey, follow: Follow): Segment[] {
  if (follow !== 'front') {
    const lane = journey.lanes.find((candidate) => candidate.sessionId === follow.sessionId);
    return lane && lane.endMs > lane.startMs ? [{ sessionId: lane.sessionId, fromMs: lane.startMs, toMs: lane.endMs }] : [];
  }
  const intervals = journey.front.filter((interval) => interval.toMs > interval.fromMs);
  const moments = [...new Set(intervals.flatMap((interval) => [interval.fromMs, interval.toMs]))].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < moments.length; i++) {
    const [fromMs, toMs] = [moments[i]!, moments[i + 1]!];
    let winner: (typeof intervals)[number] | undefined;
    for (const interval of intervals) {
      if (interval.fromMs <= fromMs && toMs <= interval.toMs && (!winner || interval.fromMs >= winner.fromMs)) winner = interval;
    }
    if (!winner) continue;
    const last = segments.at(-1);
    if (last && last.sessionId === winner.sessionId && last.toMs === fromMs) segments[segments.length - 1] = { ...last, toMs };
    else segments.push({ sessionId: winner.sessionId, fromMs, toMs });
  }
  return segments;
}

/** What the merged replay shows at `t`: a segment's tab (from inclusive, to exclusive) or a gap. */
export function positionAt(segments: readonly Segment[], journey: Pick<Journey, 'startMs' | 'endMs'>, t: number): Position {
  let gapFrom = journey.startMs;
  for (const segment of segments) {
    if (t < segment.fromMs) return { kind: 'gap', fromMs: gapFrom, toMs: segment.fromMs, next: segment };
    if (t < segment.toMs) return { kind: 'tab', segment };
    gapFrom = segment.toMs;
  }
  return { kind: 'gap', fromMs: gapFrom, toMs: Math.max(gapFrom, journey.endMs), next: null };
}

/** The next moment after `t` at which what is shown changes (a segment begins or ends); null if none. */
export function nextSwitchMs(segments: readonly Segment[], t: number): number | null {
  for (const segment of segments) {
    if (segment.fromMs > t) return segment.fromMs;
    if (segment.toMs > t) return segment.toMs;
  }
  return null;
}

/** Milliseconds into a session's replay at wall-clock `t`, given its first event's timestamp. */
export function offsetIn(firstEventMs: number, t: number): number {
  return Math.max(0, t - firstEventMs);
}

/**
 * Whether a playing tab's replayer, which runs on its own timer, has drifted from the journey clock by more
 * than `toleranceMs`. Both are capped at the recording's end, where the replayer stops by itself.
 */
export function hasDrifted(expectedOffsetMs: number, actualOffsetMs: number, durationMs: number, toleranceMs = 250): boolean {
  const cap = (offset: number) => Math.min(Math.max(0, offset), durationMs);
  return Math.abs(cap(expectedOffsetMs) - cap(actualOffsetMs)) > toleranceMs;
}

/** The moment playing from `t` shows something: `t` itself in a segment, else the next segment's start, else null. */
export function playableFrom(segments: readonly Segment[], t: number): number | null {
  for (const segment of segments) {
    if (t < segment.fromMs) return segment.fromMs;
    if (t < segment.toMs) return t;
  }
  return null;
}

/** The clock after playing `elapsedMs` of journey time from `t`. Gaps are skipped: playing never stops in one. */
export function advance(segments: readonly Segment[], t: number, elapsedMs: number): { readonly t: number; readonly ended: boolean } {
  const last = segments.at(-1);
  if (!last) return { t, ended: true };
  const next = playableFrom(segments, t + elapsedMs);
  return next === null ? { t: last.toMs, ended: true } : { t: next, ended: false };
}
