import { gzip } from './gzip';
import type { SessionKitOptions } from './options';
import { backoffDelay, classify, CONFLICT, DROP, FATAL, OK, RETRY, UNKNOWN_SESSION, type Outcome } from './retry';
import type { SessionState } from './session-store';
import { randomHex } from './storage';
import type { Transport } from './transport';

export interface Batch {
  /** The session the batch belongs to (a name the build can shorten, unlike session). */
  owner: SessionState;
  /** `{"seq":n,"events":[...]}` (the server dedupes a resend by its seq), built once so a retry resends the very same bytes. */
  body: string;
  gzipped?: Uint8Array;
  /** Set after a 404 made us recreate the session, so a second 404 backs off instead of looping. */
  recreated?: boolean;
}

export interface UploaderContext extends Pick<SessionKitOptions, 'endpoint' | 'projectKey' | 'gzip' | 'retryBaseDelayMs' | 'retryMaxDelayMs'> {
  transport: Transport;
  random: () => number;
  /** Body of POST /sessions/ for a session. */
  describe(session: SessionState): Record<string, unknown>;
  /** The session's id or created flag changed and should be persisted. */
  sessionChanged(session: SessionState): void;
  /** The server refused the project key, the origin or the endpoint: nothing will ever be accepted. */
  refused(status: number): void;
  /** A batch of the session was acknowledged; text is the answer's body (live-mode hints). */
  answered(session: SessionState, text: string | undefined): void;
  /** Says each message once per page. */
  warnOnce(message: string): void;
}

export interface Uploader {
  /** hold: the caller sends it another way first (page hide), the pump picks it up later. */
  queueBatch(batch: Batch, hold?: boolean): void;
  /** Have this session created on the server even before it has events. */
  announce(session: SessionState): void;
  /** Resolves once the queue is empty or waiting for a retry. */
  drain(): Promise<void>;
  /** Best-effort send of everything queued from a page that may be about to die. */
  sendOnUnload(): void;
  /** The page is visible again: later hides may resend, and the pump takes over. */
  resume(): void;
  retryNow(): void;
  /** POSTs JSON once; a retry outcome (network error, 408, 429, 5xx) says when to try again. */
  deliver: (path: string, body: string) => Promise<Outcome>;
  queuedBytes(): number;
  close(): void;
}

// Browsers allow about 64 KiB of keepalive bodies in flight per page; sendBeacon shares it.
const KEEPALIVE_BUDGET = 64 * 1024 - 1024;

export function createUploader(ctx: UploaderContext): Uploader {
  const queue: Batch[] = [];
  let announced: SessionState | null = null;
  let running = false;
  // Set by the first kick(), before anything can return it.
  let current!: Promise<void>;
  // Timer ids are never 0 (nor falsy in Node).
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let queued = 0;
  let attempt = 0;
  let closed = false;
  // Hidden and pagehide usually both fire on the way out; what the first sent (and the quota it
  // took) still counts for the second, until the page shows again.
  let budget = KEEPALIVE_BUDGET;
  let sentWhileHidden = new WeakSet();

  const createUrl = `${ctx.endpoint}/api/v1/sessions/`;
  const eventsUrl = (s: SessionState) => `${ctx.endpoint}/api/v1/sessions/${encodeURIComponent(s.id)}/events`;
  const remove = (batch: Batch | undefined) => {
    if (!batch || !queue.includes(batch)) return;
    queue.splice(queue.indexOf(batch), 1);
    queued -= batch.body.length;
  };

  async function post(url: string, body: string, start: boolean, batch?: Batch): Promise<Outcome & { reply?: string }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-SessionKit-Key': ctx.projectKey };
    let payload: string | Uint8Array = body;
    if (batch && ctx.gzip) {
      try {
        payload = batch.gzipped ??= await gzip(body);
        headers['Content-Encoding'] = 'gzip';
      } catch {
        // No CompressionStream in this browser, or it failed: the batch goes as it is.
      }
    }
    try {
      const response = await ctx.transport.send({ url, body: payload, headers, keepalive: false });
      return { ...classify(response.status, response.retryAfter, start, Date.now()), reply: response.body };
    } catch {
      return { kind: RETRY, delayMs: null };
    }
  }

  function scheduleRetry(delayMs: number | null): void {
    const delay = delayMs ?? backoffDelay(attempt, ctx.retryBaseDelayMs, ctx.retryMaxDelayMs, ctx.random);
    attempt++;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void kick();
    }, delay);
  }

  const created = (session: SessionState) => {
    session.created = true;
    ctx.sessionChanged(session);
  };

  async function loop(): Promise<void> {
    // The finally runs synchronously at each return, so a kick() that comes after the loop's
    // last look at the queue always starts a new loop instead of joining a finished one.
    try {
      while (!closed && !retryTimer) {
        const batch = queue[0];
        const session = batch?.owner ?? (announced?.created ? null : announced);
        if (!session) return;
        // A session the server does not have yet is created before its first batch goes.
        // (Read before sending: an unload beacon's answer may mark it created meanwhile.)
        const events = session.created ? batch : undefined;
        const outcome = events
          ? await post(eventsUrl(session), events.body, false, events)
          : await post(createUrl, JSON.stringify(ctx.describe(session)), true);
        switch (outcome.kind) {
          case OK:
            attempt = 0;
            if (!events) created(session);
            else {
              remove(events);
              ctx.answered(session, outcome.reply);
            }
            break;
          case RETRY:
            scheduleRetry(outcome.delayMs);
            return;
          case FATAL:
            ctx.refused(outcome.status);
            return;
          case CONFLICT:
            // Another project owns this id; nothing was sent under it yet, so take a new one.
            session.id = randomHex();
            ctx.sessionChanged(session);
            break;
          // The two below come only for a batch.
          case DROP:
            ctx.warnOnce(`[SessionKit] a batch was refused with ${outcome.status} and dropped`);
            remove(events);
            break;
          case UNKNOWN_SESSION:
            // The server lost or never had the session: create it again, then resend this seq.
            session.created = false;
            ctx.sessionChanged(session);
            if (!events || events.recreated) {
              scheduleRetry(null);
              return;
            }
            events.recreated = true;
        }
      }
    } finally {
      running = false;
    }
  }

  function kick(): Promise<void> {
    if (!running) {
      running = true;
      current = loop();
    }
    return current;
  }

  function unloadSend(item: object, url: string, body: string, onOk: () => void): void {
    if (sentWhileHidden.has(item)) return;
    sentWhileHidden.add(item);
    const target = `${url}?key=${encodeURIComponent(ctx.projectKey)}`;
    // Query key and text/plain make this a simple CORS request: no preflight while the page dies.
    const bytes = new TextEncoder().encode(body);
    if (bytes.length <= budget) {
      budget -= bytes.length;
      ctx.transport
        .send({ url: target, body: bytes, headers: { 'Content-Type': 'text/plain' }, keepalive: true })
        .then(
          ({ status }) => {
            if (status >= 200 && status < 300) onOk();
          },
          // Over the keepalive quota (or offline): the beacon is the last chance.
          () => ctx.transport.beacon(target, body),
        );
    } else {
      // A beacon's fate is unknown; the batch stays queued and a resend is deduped by seq.
      ctx.transport.beacon(target, body);
    }
  }

  return {
    queueBatch(batch, hold) {
      if (closed) return;
      queue.push(batch);
      queued += batch.body.length;
      if (!hold) void kick();
    },
    announce(session) {
      announced = session;
      void kick();
    },
    drain: kick,
    sendOnUnload() {
      // The answers that change the queue come later, after both loops.
      for (const s of new Set(queue.map((b) => b.owner))) {
        if (s.created) continue;
        unloadSend(s, createUrl, JSON.stringify(ctx.describe(s)), () => created(s));
      }
      for (const batch of queue) unloadSend(batch, eventsUrl(batch.owner), batch.body, () => remove(batch));
    },
    resume() {
      budget = KEEPALIVE_BUDGET;
      sentWhileHidden = new WeakSet();
      void kick();
    },
    retryNow() {
      if (!retryTimer) return;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      void kick();
    },
    deliver: (path, body) => post(ctx.endpoint + path, body, false),
    queuedBytes: () => queued,
    close() {
      closed = true;
      clearTimeout(retryTimer);
      queue.length = 0;
      queued = 0;
    },
  };
}
