import { useCallback, useEffect, useRef, useState } from 'react';
import type { Journey } from '../../api/visitor-types';
import { advance, playableFrom, type Segment } from './merged-timeline';

/** The merged replay's one clock, in wall-clock ms on the journey's axis. */
export interface JourneyClock {
  readonly timeMs: number;
  readonly playing: boolean;
  readonly speed: number;
  /** Changes whenever the clock jumps (seek, skipped gap, play, speed), so the shown tab re-syncs to it. */
  readonly syncToken: number;
  /** The clock right now, without waiting for a render. */
  now(): number;
  play(): void;
  pause(): void;
  seek(timeMs: number): void;
  setSpeed(speed: number): void;
}

/**
 * Advances on animation frames while playing. Gaps (no tab in front, or the tab alone not open) are
 * skipped rather than waited through: a long gap would otherwise be minutes of an empty stage.
 */
export function useJourneyClock(journey: Pick<Journey, 'startMs' | 'endMs'>, segments: readonly Segment[]): JourneyClock {
  const [timeMs, setTimeMs] = useState(() => playableFrom(segments, journey.startMs) ?? journey.startMs);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeedState] = useState(1);
  const [syncToken, setSyncToken] = useState(0);
  const timeRef = useRef(timeMs);
  const jump = useCallback((t: number) => {
    timeRef.current = t;
    setTimeMs(t);
    setSyncToken((token) => token + 1);
  }, []);

  // Another follow mode is another set of segments: what is shown at the same moment changes.
  useEffect(() => setSyncToken((token) => token + 1), [segments]);

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now: number) {
      const before = timeRef.current;
      const elapsed = Math.max(0, now - last) * speed;
      last = now;
      const next = advance(segments, before, elapsed);
      if (next.t === before + elapsed) {
        timeRef.current = next.t;
        setTimeMs(next.t);
      } else {
        jump(next.t);
      }
      if (next.ended) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, segments, jump]);

  const play = useCallback(() => {
    const from = playableFrom(segments, timeRef.current) ?? playableFrom(segments, journey.startMs);
    if (from === null) return;
    jump(from);
    setPlaying(true);
  }, [segments, journey.startMs, jump]);
  const pause = useCallback(() => {
    setPlaying(false);
    setSyncToken((token) => token + 1);
  }, []);
  const seek = useCallback(
    (t: number) => jump(Math.min(journey.endMs, Math.max(journey.startMs, Math.round(t)))),
    [journey.startMs, journey.endMs, jump],
  );
  const setSpeed = useCallback((next: number) => {
    setSpeedState(next);
    setSyncToken((token) => token + 1);
  }, []);
  const now = useCallback(() => timeRef.current, []);
  return { timeMs, playing, speed, syncToken, now, play, pause, seek, setSpeed };
}
