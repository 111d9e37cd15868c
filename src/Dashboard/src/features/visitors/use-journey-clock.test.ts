import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Segment } from './merged-timeline';
import { useJourneyClock } from './use-journey-clock';

const journey = { startMs: 1_000, endMs: 5_000 };
// A gap from 3 s to 3.5 s.
const segments: Segment[] = [
  { sessionId: 'a', fromMs: 1_000, toMs: 3_000 },
  { sessionId: 'a', fromMs: 3_500, toMs: 5_000 },
];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'setTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useJourneyClock', () => {
  it('plays at the chosen speed, skips a gap with a jump, and stops at the end', () => {
    const { result } = renderHook(() => useJourneyClock(journey, segments));
    expect(result.current.timeMs).toBe(1_000);
    act(() => result.current.seek(2_000));
    act(() => result.current.setSpeed(2));
    act(() => result.current.play());
    const token = result.current.syncToken;
    act(() => vi.advanceTimersByTime(400));
    expect(result.current.timeMs).toBeGreaterThan(2_700);
    expect(result.current.timeMs).toBeLessThan(2_900);
    expect(result.current.syncToken).toBe(token);

    act(() => vi.advanceTimersByTime(200)); // past 3 s: into the gap, so on to 3.5 s
    expect(result.current.timeMs).toBeGreaterThanOrEqual(3_500);
    expect(result.current.syncToken).toBeGreaterThan(token);

    act(() => vi.advanceTimersByTime(2_000));
    expect(result.current).toMatchObject({ timeMs: 5_000, playing: false });
    act(() => result.current.play()); // from the end, play starts over
    expect(result.current).toMatchObject({ timeMs: 1_000, playing: true });
  });

  it('keeps a seek within the journey', () => {
    const { result } = renderHook(() => useJourneyClock(journey, segments));
    act(() => result.current.seek(9_000));
    expect(result.current.timeMs).toBe(5_000);
    act(() => result.current.seek(0));
    expect(result.current.timeMs).toBe(1_000);
  });
});
