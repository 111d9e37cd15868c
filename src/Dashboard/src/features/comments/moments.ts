import { hrefFor } from '../../lib/router';

/**
 * A comment's `at` is an absolute event timestamp (Unix ms, the visitor's clock); the
 * replay player and `?t=` links count milliseconds since the recording's first event.
 */

/** Milliseconds since the first event (never negative). */
export function momentOffset(at: number, firstTimestamp: number): number {
  return Math.max(0, Math.round(at - firstTimestamp));
}

/** Where a marker sits on the timeline, from 0 (start) to 1 (end). */
export function markerPosition(at: number, firstTimestamp: number, durationMs: number): number {
  if (!(durationMs > 0)) return 0;
  return Math.min(1, Math.max(0, (at - firstTimestamp) / durationMs));
}

/** An absolute link to the replay of `sessionId` opened `offsetMs` after its first event. */
export function momentLink(
  sessionId: string,
  offsetMs: number,
  location: Pick<Location, 'origin' | 'pathname' | 'search'> = window.location,
): string {
  const hash = hrefFor({ name: 'replay', sessionId, t: Math.max(0, Math.round(offsetMs)) });
  return `${location.origin}${location.pathname}${location.search}${hash}`;
}

/** "0:07", "12:05", "1:02:03". */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
