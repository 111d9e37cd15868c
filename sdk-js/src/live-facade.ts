// What the core keeps of live mode: whether an ingest answer asks for it, the heartbeat (every
// session needs it to learn that a viewer joined), and a facade that loads the rest (live.ts: the
// answer read in full, fast flushing, badge, consent dialog) the first time an answer asks for it,
// or when the tab's previous page was being watched. Until then nothing of it is downloaded; once
// loaded, calls go straight to it. Calls made while it loads are queued and replayed in order, so
// the only difference is the one load's delay.
import type { SessionKitOptions } from './options';
import type { Outcome } from './retry';
import { storageKeys } from './session-store';
import type { KeyValueStore } from './storage';

interface RawAnswer {
  live?: unknown;
  takeFullSnapshot?: unknown;
  consentRequested?: unknown;
}

/**
 * Whether an ingest answer asks for live mode, read as live-answer.ts reads it (which, in live
 * mode, reads the rest): what is missing or malformed asks for nothing.
 */
function asksForLive(text: string | undefined): boolean {
  try {
    // JSON.parse(undefined) throws too.
    const value = JSON.parse(text as string) as RawAnswer | null;
    return !!value?.live || value?.takeFullSnapshot === true || value?.consentRequested === true;
  } catch {
    return false;
  }
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
  /** POSTs a small JSON request to the server once (the consent answer); a retry outcome says when to try again. */
  deliver(path: string, body: string): Promise<Outcome>;
}

export interface Live {
  /** The flush interval while someone watches, null otherwise. */
  flushIntervalMs(): number | null;
  /** text: the body of an ingest answer (docs/api.md, "Live mode in ingest answers"). */
  answer(text: string | undefined): void;
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
  pauseBeats(): void;
  stop(): void;
}

/** What the lazily loaded module does: everything but the heartbeat. */
export type LiveMode = Omit<Live, 'sent' | 'pauseBeats'>;

/** Fetches the live module: a dynamic import (ES module build) or a second script (script tag). */
export type LiveLoader = (options: SessionKitOptions) => Promise<{ createLive(ctx: LiveContext): LiveMode }>;

export function createLiveFacade(ctx: LiveContext, load: LiveLoader): Live {
  const { options } = ctx;
  let mode: LiveMode | undefined;
  // Calls made while the module loads; undefined while it is neither loading nor loaded.
  let queue: ((mode: LiveMode) => void)[] | undefined;
  let heartbeat: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function arm(): void {
    clearTimeout(heartbeat);
    if (stopped || options.liveCheckIntervalMs <= 0 || document.visibilityState === 'hidden') return;
    heartbeat = setTimeout(() => {
      if (ctx.beat()) arm();
    }, options.liveCheckIntervalMs);
  }

  /** Runs call on the module, loading it first when asked to (and not yet loaded or loading). */
  function forward(call: (mode: LiveMode) => void, needed?: boolean): void {
    if (mode) call(mode);
    else if (queue) queue.push(call);
    else if (needed && !stopped) {
      queue = [call];
      load(options).then(
        (module) => {
          // Set until one of these two handlers runs, and only one load runs at a time.
          const calls = queue as ((mode: LiveMode) => void)[];
          queue = undefined;
          // After stop() nothing live may start: what was queued is dropped.
          if (stopped) return;
          mode = module.createLive(ctx);
          for (const queued of calls) queued(mode);
        },
        () => {
          // Blocked or offline: recording goes on, and the next answer that asks tries again.
          queue = undefined;
          console.warn('[SessionKit] could not load live mode');
        },
      );
    }
  }

  return {
    flushIntervalMs: () => mode?.flushIntervalMs() ?? null,
    answer: (text) => forward((m) => m.answer(text), asksForLive(text)),
    end: () => forward((m) => m.end()),
    sent: arm,
    resume() {
      // The tab's previous page left live state for this session (live.ts decides if it is fresh).
      forward((m) => m.resume(), ctx.tabStore.get(storageKeys.live)?.startsWith(`${ctx.sessionId()}:`));
      arm();
    },
    pauseBeats: () => clearTimeout(heartbeat),
    stop() {
      stopped = true;
      clearTimeout(heartbeat);
      forward((m) => m.stop());
    },
  };
}
