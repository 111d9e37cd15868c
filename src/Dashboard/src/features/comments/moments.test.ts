import { describe, expect, it } from 'vitest';
import { parseHash } from '../../lib/router';
import { formatOffset, markerPosition, momentLink, momentOffset } from './moments';

const first = 1_700_000_000_000;

describe('markerPosition', () => {
  it('places a comment at (at − first) / duration', () => {
    expect(markerPosition(first, first, 60_000)).toBe(0);
    expect(markerPosition(first + 15_000, first, 60_000)).toBe(0.25);
    expect(markerPosition(first + 60_000, first, 60_000)).toBe(1);
  });

  it('clamps moments outside the recording, and copes with a zero duration', () => {
    expect(markerPosition(first - 500, first, 60_000)).toBe(0);
    expect(markerPosition(first + 90_000, first, 60_000)).toBe(1);
    expect(markerPosition(first + 10, first, 0)).toBe(0);
  });
});

describe('momentOffset', () => {
  it('counts whole milliseconds since the first event, never negative', () => {
    expect(momentOffset(first + 1234.6, first)).toBe(1235);
    expect(momentOffset(first - 10, first)).toBe(0);
  });
});

describe('momentLink', () => {
  it('builds an absolute #/sessions/{id}?t= link that the router reads back', () => {
    const link = momentLink('s 1', 90_500, { origin: 'https://sk.example.com', pathname: '/', search: '' });
    expect(link).toBe('https://sk.example.com/#/sessions/s%201?t=90500');
    expect(parseHash(new URL(link).hash)).toEqual({ name: 'replay', sessionId: 's 1', t: 90_500 });
  });
});

describe('formatOffset', () => {
  it('reads as m:ss or h:mm:ss', () => {
    expect(formatOffset(7_900)).toBe('0:07');
    expect(formatOffset(725_000)).toBe('12:05');
    expect(formatOffset(3_723_000)).toBe('1:02:03');
  });
});
