/** The live part of a 202 answer to POST /sessions/{id}/events (docs/api.md, "Live mode in ingest answers"). */
export interface IngestAnswer {
  /** The flush interval while someone watches, null when nobody does. */
  live: number | null;
  takeFullSnapshot: boolean;
  consentRequested: boolean;
}

interface RawAnswer {
  live?: { flushIntervalMs?: unknown } | null;
  takeFullSnapshot?: unknown;
  consentRequested?: unknown;
}

/** Older servers answer only `{ seq, duplicate }`: whatever is missing or malformed reads as null or false. */
export function parseAnswer(text: string | undefined): IngestAnswer {
  let value: RawAnswer | null = null;
  try {
    value = JSON.parse(text ?? '') as RawAnswer | null;
  } catch {
    // Not JSON: an older or foreign server, nothing live to do.
  }
  const ms = value?.live?.flushIntervalMs;
  return {
    // Server-chosen, default 100 ms, never below 50 ms.
    live: value?.live ? Math.max(50, Number.isFinite(ms) ? (ms as number) : 100) : null,
    takeFullSnapshot: value?.takeFullSnapshot === true,
    consentRequested: value?.consentRequested === true,
  };
}

