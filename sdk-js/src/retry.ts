// Numbers rather than names, which the minified bundle would have to carry as strings.
export const OK = 0;
export const RETRY = 1;
export const DROP = 2;
export const UNKNOWN_SESSION = 3;
export const CONFLICT = 4;
export const FATAL = 5;

export type Outcome =
  | { kind: typeof OK }
  /** delayMs null: no Retry-After, so the caller backs off exponentially. */
  | { kind: typeof RETRY; delayMs: number | null }
  | { kind: typeof DROP; status: number }
  | { kind: typeof UNKNOWN_SESSION }
  | { kind: typeof CONFLICT }
  | { kind: typeof FATAL; status: number };

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

/** start: the answer to a session start (POST /sessions/), else to a request about a session. */
export function classify(status: number, retryAfter: string | null, start: boolean, now: number): Outcome {
  if (status >= 200 && status < 300) return { kind: OK };
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: RETRY, delayMs: parseRetryAfter(retryAfter, now) };
  }
  if (!start && status === 404) return { kind: UNKNOWN_SESSION };
  if (start && status === 409) return { kind: CONFLICT };
  // Wrong key or a disallowed origin will fail the same way for every request; a 404 on session
  // start means the endpoint is wrong. Retrying cannot fix either.
  if (status === 401 || status === 403 || (start && status >= 400)) return { kind: FATAL, status };
  if (status >= 400) return { kind: DROP, status };
  return { kind: RETRY, delayMs: null };
}
