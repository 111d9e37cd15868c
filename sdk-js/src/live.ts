// Live mode proper, loaded by live-facade.ts only once a viewer watches (the ES module build
// imports it, the script-tag build loads it as sessionkit-live.js): the ingest answer read in full
// (live-answer.ts), fast flushing, the snapshot request, the live state kept across page loads, the
// consent request, and the badge and dialog.
import type { LiveContext, LiveMode } from './live-facade';
import { parseAnswer } from './live-answer';
import { showConsent, showIndicator } from './live-ui';
import { backoffDelay, RETRY } from './retry';
import { storageKeys } from './session-store';

const SNAPSHOT_GAP_MS = 2_000;
/** How old the live state a previous page of the tab left may be for a new page to start live. */
const RESUME_WINDOW_MS = 10_000;

export function createLive(ctx: LiveContext): LiveMode {
  const { options, tabStore } = ctx;
  let interval: number | null = null;
  let indicator: HTMLElement | null = null;
  let dialog: HTMLElement | null = null;
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

  // Retried like batches (network errors, 408, 429, 5xx) until the server answers or live mode stops.
  async function send(id: string, granted: boolean): Promise<void> {
    for (let tries = 0; !stopped; tries++) {
      const outcome = await ctx.deliver(`/api/v1/sessions/${encodeURIComponent(id)}/live-consent`, JSON.stringify({ granted }));
      if (outcome.kind !== RETRY) return;
      const delay = outcome.delayMs ?? backoffDelay(tries, options.retryBaseDelayMs, options.retryMaxDelayMs, Math.random);
      await new Promise((resolve) => setTimeout(resolve, delay));
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
      if (!stopped) await send(id, granted);
    } catch {
      // The integrator's callback failed: nobody watches, and the next request asks again.
      if (!stopped) await send(id, false);
    } finally {
      asking = false;
    }
  }

  return {
    flushIntervalMs: () => interval,
    answer(text) {
      if (stopped) return;
      const answer = parseAnswer(text);
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
    resume() {
      // What the last answer in this tab said: a new page of a session watched a moment ago
      // streams (and shows the badge) from its first event instead of after its first answer.
      const [id, ms, at] = (tabStore.get(storageKeys.live) ?? '').split(':');
      const age = Date.now() - Number(at);
      const fresh = age >= 0 && age < Math.max(RESUME_WINDOW_MS, 2 * options.liveCheckIntervalMs);
      if (id === ctx.sessionId() && fresh) set(Number(ms) || null);
    },
    stop() {
      stopped = true;
      set(null);
      dialog?.remove();
    },
  };
}
