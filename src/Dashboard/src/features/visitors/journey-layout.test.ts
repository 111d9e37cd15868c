import { describe, expect, it } from 'vitest';
import type { Journey } from '../../api/visitor-types';
import { axisOf, layoutJourney } from './journey-layout';

const journey: Journey = {
  visitorId: 'v-1',
  startMs: 1_000,
  endMs: 5_000,
  lanes: [
    { sessionId: 'left', tabId: 't-left', startMs: 1_000, endMs: 5_000 },
    { sessionId: 'right', tabId: 't-right', startMs: 2_000, endMs: 4_000 },
  ],
  front: [
    { sessionId: 'left', tabId: 't-left', fromMs: 1_000, toMs: 2_000 },
    { sessionId: 'right', tabId: 't-right', fromMs: 2_000, toMs: 3_000 },
    { sessionId: 'left', tabId: 't-left', fromMs: 3_000, toMs: 5_000 },
  ],
};

describe('layoutJourney', () => {
  it('puts parallel tabs on one axis with their front stretches', () => {
    const [left, right] = layoutJourney(journey);
    expect(left).toMatchObject({ sessionId: 'left', leftPct: 0, widthPct: 100 });
    expect(left!.front).toEqual([
      { leftPct: 0, widthPct: 25 },
      { leftPct: 50, widthPct: 50 },
    ]);
    expect(right).toMatchObject({ sessionId: 'right', leftPct: 25, widthPct: 50, front: [{ leftPct: 25, widthPct: 25 }] });
  });

  it('shares an axis across journeys of several devices', () => {
    const later = { ...journey, startMs: 9_000, endMs: 11_000, lanes: [{ sessionId: 'phone', tabId: null, startMs: 9_000, endMs: 11_000 }], front: [] };
    const axis = axisOf([journey, later]);
    expect(axis).toEqual({ startMs: 1_000, endMs: 11_000 });
    expect(layoutJourney(later, axis)[0]).toMatchObject({ leftPct: 80, widthPct: 20 });
  });
});
