import { showConsent, showIndicator } from './live-ui';
import type { SessionKitOptions } from './options';
import { storageKeys } from './session-store';
import type { KeyValueStore } from './storage';

/** The live part of a 202 answer to POST /sessions/{id}/events (docs/api.md, "Live mode in ingest answers"). */
export interface IngestAnswer {
  /** The flush interval while someone watches, null when nobody does. */
  live: number | null;
  takeFullSnapshot: boolean;
  consentRequested: boolean;
}

const SNAPSHOT_GAP_MS = 2_000;
/** How old the live state a previous page of the tab left may be for a new page to start live. */
const RESUME_WINDOW_MS = 10_000;

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

export interface LiveContext {
  options: SessionKitOptions;
  tabStore: KeyValueStore;
  sessionId(): string;
  /** Heartbeat: sends a batch now (empty if need be) when nothing is queued; false stops the heartbeats. */
  beat(): boolean;
  /** Takes a full snapshot and sends it. */
  snapshot(): void;
  /** The flush interval changed. */
  retimed(): void;
  /** Delivers the visitor's answer for a session. */
  consent(sessionId: string, granted: boolean): Promise<void>;
}

export interface Live {
  /** The flush interval while someone watches, null otherwise. */
  flushIntervalMs(): number | null;
  answer(answer: IngestAnswer): void;
  /** Nothing can stream any more (recording stopped, session idle): leave live mode. */
  end(): void;
  /** A batch was cut: the heartbeat waits a full interval from now. */
  sent(): void;
  /**
   * Page shown (again): heartbeats run. On a new page of a session that was being watched a
   * moment ago (the live state the previous page left in the tab), live mode starts at once.
   */
  resume(): void;
  /** Page hidden: no heartbeats, to save battery. */
  pause(): void;
  stop(): void;
}

export function createLive(ctx: LiveContext): Live {
  const { options, tabStore } = ctx;
  let interval: number | null = null;
  let indicator: HTMLElement | null = null;
  let dialog: HTMLElement | null = null;
  let heartbeat: ReturnType<typeof setTimeout> | undefined;
  let lastSnapshot = -Infinity;
  let asking = false;
  let stopped = false;

  function set(next: number | null): void {
    if (next === interval) return;
    interval = next;
    ctx.retimed();
    if (next && options.liveIndicator) indicator ??= showIndicator(options.liveIndicatorText);
    if (!next) {
      tabStore.remove(storageKeys.live);
      indicator?.remove();
      indicator = null;
    }
  }

  function arm(): void {
    clearTimeout(heartbeat);
    if (stopped || options.liveCheckIntervalMs <= 0 || document.visibilityState === 'hidden') return;
    heartbeat = setTimeout(() => {
      if (ctx.beat()) arm();
    }, options.liveCheckIntervalMs);
  }

  async function ask(): Promise<boolean> {
    const callback = options.onLiveConsentRequest;
    // Script-tag callers are untyped: only a real true grants.
    if (callback) return ((await callback()) as unknown) === true;
    try {
      return await new Promise<boolean>((resolve) => (dialog = showConsent(options.liveConsentText, resolve)));
    } finally {
      dialog = null;
    }
  }

  // One request at a time: no second dialog while one is open, no second POST while one is in flight.
  async function consent(): Promise<void> {
    if (asking) return;
    asking = true;
    const id = ctx.sessionId();
    const saved = tabStore.get(storageKeys.consent);
    try {
      let granted = saved === `${id}:1`;
      if (!granted && saved !== `${id}:0`) {
        granted = await ask();
        tabStore.set(storageKeys.consent, `${id}:${granted ? 1 : 0}`);
      }
      if (!stopped) await ctx.consent(id, granted);
    } catch {
      // The integrator's callback failed: nobody watches, and the next request asks again.
      if (!stopped) await ctx.consent(id, false);
    } finally {
      asking = false;
    }
  }

  return {
    flushIntervalMs: () => interval,
    answer(answer) {
      if (stopped) return;
      const now = Date.now();
      // Every live answer renews it, so that the next page of this tab knows how fresh it is.
      if (answer.live) tabStore.set(storageKeys.live, `${ctx.sessionId()}:${answer.live}:${now}`);
      set(answer.live);
      if (answer.takeFullSnapshot && now - lastSnapshot >= SNAPSHOT_GAP_MS) {
        lastSnapshot = now;
        ctx.snapshot();
      }
      if (answer.consentRequested) void consent();
    },
    end: () => set(null),
    sent: arm,
    resume() {
      // What the last answer in this tab said: a new page of a session watched a moment ago
      // streams (and shows the badge) from its first event instead of after its first answer.
      const [id, ms, at] = (tabStore.get(storageKeys.live) ?? '').split(':');
      const age = Date.now() - Number(at);
      const fresh = age >= 0 && age < Math.max(RESUME_WINDOW_MS, 2 * options.liveCheckIntervalMs);
      if (id === ctx.sessionId() && fresh) set(Number(ms) || null);
      arm();
    },
    pause: () => clearTimeout(heartbeat),
    stop() {
      stopped = true;
      clearTimeout(heartbeat);
      set(null);
      dialog?.remove();
    },
  };
}
