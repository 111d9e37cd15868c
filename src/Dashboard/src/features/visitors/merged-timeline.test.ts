import { describe, expect, it } from 'vitest';
import type { Journey } from '../../api/visitor-types';
import { advance, hasDrifted, nextSwitchMs, offsetIn, playableFrom, positionAt, segmentsOf } from './merged-timeline';

const lane = (sessionId: string, startMs: number, endMs: number) => ({ sessionId, tabId: `t-${sessionId}`, startMs, endMs });
const front = (sessionId: string, fromMs: number, toMs: number) => ({ sessionId, tabId: `t-${sessionId}`, fromMs, toMs });

// left in front, then right, a moment with no tab in front, then left again.
const journey: Journey = {
  visitorId: 'v-1',
  startMs: 1_000,
  endMs: 5_000,
  lanes: [lane('left', 1_000, 5_000), lane('right', 2_000, 4_000)],
  front: [front('left', 1_000, 2_000), front('right', 2_000, 3_000), front('left', 3_500, 5_000)],
};

describe('segmentsOf', () => {
  it('follows the front tab interval by interval', () => {
    expect(segmentsOf(journey, 'front')).toEqual([
      { sessionId: 'left', fromMs: 1_000, toMs: 2_000 },
      { sessionId: 'right', fromMs: 2_000, toMs: 3_000 },
      { sessionId: 'left', fromMs: 3_500, toMs: 5_000 },
    ]);
  });

  it('lets the interval that began later win where intervals overlap, and the earlier one resume after it', () => {
    const overlapping = { ...journey, front: [front('left', 1_000, 4_000), front('right', 2_000, 3_000), front('left', 3_500, 5_000)] };
    expect(segmentsOf(overlapping, 'front')).toEqual([
      { sessionId: 'left', fromMs: 1_000, toMs: 2_000 },
      { sessionId: 'right', fromMs: 2_000, toMs: 3_000 },
      { sessionId: 'left', fromMs: 3_000, toMs: 5_000 },
    ]);
  });

  it('sorts intervals served out of order and drops empty ones', () => {
    const shuffled = { ...journey, front: [front('right', 2_000, 3_000), front('left', 1_000, 2_000), front('left', 2_500, 2_500)] };
    expect(segmentsOf(shuffled, 'front').map((segment) => segment.sessionId)).toEqual(['left', 'right']);
  });

  it('replays one tab alone over its whole lane, whoever was in front', () => {
    expect(segmentsOf(journey, { sessionId: 'right' })).toEqual([{ sessionId: 'right', fromMs: 2_000, toMs: 4_000 }]);
    expect(segmentsOf(journey, { sessionId: 'unknown' })).toEqual([]);
  });
});

describe('positionAt', () => {
  const segments = segmentsOf(journey, 'front');

  it('names the tab in front, a switch moment belonging to the tab that comes to the front', () => {
    expect(positionAt(segments, journey, 1_500)).toEqual({ kind: 'tab', segment: segments[0] });
    expect(positionAt(segments, journey, 2_000)).toEqual({ kind: 'tab', segment: segments[1] });
  });

  it('reports a gap with no tab in front, and what comes next', () => {
    expect(positionAt(segments, journey, 3_200)).toEqual({ kind: 'gap', fromMs: 3_000, toMs: 3_500, next: segments[2] });
    expect(positionAt(segments, journey, 5_000)).toEqual({ kind: 'gap', fromMs: 5_000, toMs: 5_000, next: null });
  });

  it('has a tab alone outside its lane in a gap', () => {
    const alone = segmentsOf(journey, { sessionId: 'right' });
    expect(positionAt(alone, journey, 1_200)).toEqual({ kind: 'gap', fromMs: 1_000, toMs: 2_000, next: alone[0] });
    expect(positionAt(alone, journey, 4_500)).toEqual({ kind: 'gap', fromMs: 4_000, toMs: 5_000, next: null });
  });
});

describe('timing', () => {
  const segments = segmentsOf(journey, 'front');

  it('finds the next switch', () => {
    expect(nextSwitchMs(segments, 1_000)).toBe(2_000);
    expect(nextSwitchMs(segments, 3_000)).toBe(3_500);
    expect(nextSwitchMs(segments, 5_000)).toBeNull();
  });

  it('gives the offset into a session from its first event, never before it', () => {
    expect(offsetIn(2_000, 2_750)).toBe(750);
    expect(offsetIn(2_000, 1_000)).toBe(0);
  });

  it('plays on within a segment and across a switch', () => {
    expect(advance(segments, 1_500, 200)).toEqual({ t: 1_700, ended: false });
    expect(advance(segments, 1_900, 300)).toEqual({ t: 2_200, ended: false });
  });

  it('skips a gap to the next segment, and ends after the last', () => {
    expect(advance(segments, 2_900, 200)).toEqual({ t: 3_500, ended: false });
    expect(advance(segments, 4_900, 200)).toEqual({ t: 5_000, ended: true });
    expect(advance([], 1_000, 10)).toEqual({ t: 1_000, ended: true });
  });

  it('starts playing a seek into a gap at the next segment', () => {
    expect(playableFrom(segments, 3_200)).toBe(3_500);
    expect(playableFrom(segments, 2_500)).toBe(2_500);
    expect(playableFrom(segments, 5_000)).toBeNull();
  });

  it('notices a replayer that drifted from the clock, but not one stopped at its recording end', () => {
    expect(hasDrifted(1_000, 1_100, 5_000)).toBe(false);
    expect(hasDrifted(1_000, 1_400, 5_000)).toBe(true);
    expect(hasDrifted(6_000, 5_000, 5_000)).toBe(false);
  });
});
