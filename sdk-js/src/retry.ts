export type Outcome =
  | { kind: 'ok' }
  /** delayMs null: no Retry-After, so the caller backs off exponentially. */
  | { kind: 'retry'; delayMs: number | null }
  | { kind: 'drop'; status: number }
  | { kind: 'unknown-session' }
  | { kind: 'conflict' }
  | { kind: 'fatal'; status: number };

// A bogus Retry-After must not park the queue for days.
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | null {
  // Absent reads as '', which is no number and no date.
  const text = value?.trim() ?? '';
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (Number.isNaN(ms)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/** Exponential with "equal jitter": never below half the step, so tabs reconnecting together spread out. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + (random() * step) / 2);
}

export function classify(status: number, retryAfter: string | null, target: 'session' | 'events', now: number): Outcome {
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'retry', delayMs: parseRetryAfter(retryAfter, now) };
  }
  if (target === 'events' && status === 404) return { kind: 'unknown-session' };
  if (target === 'session' && status === 409) return { kind: 'conflict' };
  // Wrong key or a disallowed origin will fail the same way for every request; a 404 on session
  // start means the endpoint is wrong. Retrying cannot fix either.
  if (status === 401 || status === 403 || (target === 'session' && status >= 400)) return { kind: 'fatal', status };
  if (status >= 400) return { kind: 'drop', status };
  return { kind: 'retry', delayMs: null };
}
