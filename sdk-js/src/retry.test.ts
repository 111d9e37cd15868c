import { describe, expect, it } from 'vitest';
import { backoffDelay, classify, CONFLICT, DROP, FATAL, OK, parseRetryAfter, RETRY, UNKNOWN_SESSION } from './retry';

const now = Date.parse('2026-11-21T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => expect(parseRetryAfter('120', now)).toBe(120_000));
  it('reads an HTTP date', () => expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000));
  it('treats a date in the past as now', () => expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0));
  it('ignores garbage and absence', () => {
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
  it('caps absurd values at an hour', () => expect(parseRetryAfter('999999', now)).toBe(3_600_000));
});

describe('backoffDelay', () => {
  it('doubles per attempt, jittered between half and all of the step, capped', () => {
    expect(backoffDelay(0, 1_000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(0, 1_000, 60_000, () => 1)).toBe(1_000);
    expect(backoffDelay(3, 1_000, 60_000, () => 1)).toBe(8_000);
    expect(backoffDelay(20, 1_000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('classify', () => {
  it.each([
    [202, 'events', 'ok'],
    [200, 'session', 'ok'],
    [201, 'session', 'ok'],
    [500, 'events', 'retry'],
    [503, 'session', 'retry'],
    [429, 'events', 'retry'],
    [408, 'events', 'retry'],
    [400, 'events', 'drop'],
    [413, 'events', 'drop'],
    [404, 'events', 'unknown-session'],
    [404, 'session', 'fatal'],
    [409, 'session', 'conflict'],
    // Seq too far ahead of a gap: resending the same seq cannot succeed.
    [409, 'events', 'drop'],
    [401, 'events', 'fatal'],
    [403, 'session', 'fatal'],
  ] as const)('%i on %s is %s', (status, target, name) => {
    const kinds = { ok: OK, retry: RETRY, drop: DROP, 'unknown-session': UNKNOWN_SESSION, conflict: CONFLICT, fatal: FATAL };
    expect(classify(status, null, target === 'session', now).kind).toBe(kinds[name]);
  });

  it('carries Retry-After on a 429', () => {
    expect(classify(429, '5', false, now)).toEqual({ kind: RETRY, delayMs: 5_000 });
  });
});
