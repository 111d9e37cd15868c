import { isInteraction } from './activity';
import { inert, type SessionKit } from './api';
import { identifyPayload } from './identity';
import { captureErrors, ERROR_EVENT_TAG } from './errors';
import { createLiveFacade, type LiveLoader } from './live-facade';
import { resolveOptions, type SessionKitInit } from './options';
import { startRecording, type RecordedEvent, type Recording } from './recorder';
import { openSessionStore, storageKeys, type SessionState } from './session-store';
import { createStore } from './storage';
import { watchTabs } from './tabs';
import { createFetchTransport } from './transport';
import { createUploader } from './uploader';
import { createWarnOnce } from './warn-once';

export { inert, type SessionKit } from './api';

/** loadLive: how this build fetches live mode (index.ts and global.ts pass theirs). */
export function createSessionKit(init: SessionKitInit, loadLive: LiveLoader): SessionKit {
  const options = resolveOptions(init);
  // Server-side rendering imports the SDK too; there is nothing to record there.
  if (typeof document == 'undefined') return inert;

  const saveIfCurrent = (session: SessionState) => {
    if (session === store.current()) store.saveState();
  };
  const warnOnce = createWarnOnce();
  const tabStore = createStore(() => (options.storage ? sessionStorage : null));
  const visitorStore = options.storage ? createStore(() => localStorage) : null;
  const store = openSessionStore({ ...options, tabStore, visitorStore, now: Date.now(), random: Math.random });

  const uploader = createUploader({
    ...options,
    transport: options.transport ?? createFetchTransport(),
    random: Math.random,
    describe: (session) => ({
      id: session.id,
      visitorId: store.visitor(),
      tabId: store.tabId,
      url: location.href,
      referrer: document.referrer,
      userAgent: navigator.userAgent,
      screen: { width: screen.width, height: screen.height },
      startedAt: new Date(session.startedAt).toISOString(),
    }),
    sessionChanged: saveIfCurrent,
    refused: (status) => {
      warnOnce(`[SessionKit] recording stopped: server answered ${status} (check projectKey, endpoint, origins)`);
      uploader.close();
      shutdown();
    },
    answered: (session, text) => {
      // Answers for a session rotated away, or after recording stopped, concern nobody watching.
      if (session === store.current() && recording) live.answer(text);
    },
    warnOnce,
  });

  const live = createLiveFacade({
    options,
    tabStore,
    sessionId: () => store.current().id,
    beat() {
      // An idle session sends nothing until the next interaction starts a new one, whose first
      // batch starts the heartbeat again; nobody can be watching it stream meanwhile.
      const idle = idleAt(Date.now());
      if (idle) live.end();
      if (!recording || idle) return false;
      // Something queued will bring an answer anyway (or is waiting out a retry).
      if (!uploader.queuedBytes()) cut(false, true);
      return true;
    },
    snapshot() {
      recording?.snapshot();
      cut();
    },
    retimed() {
      if (!flushTimer) return;
      clearTimeout(flushTimer);
      schedule();
    },
    deliver: uploader.deliver,
  }, loadLive);

  let buffer: string[] = [];
  let bufferBytes = 0;
  let bufferSession: SessionState = store.current();
  // Timer ids are never 0 (nor falsy in Node).
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let recording: Recording | null = null;
  let active = true;

  const idleAt = (now: number) => now - store.current().lastActivity > options.sessionTimeoutMs;
  const schedule = () => (flushTimer = setTimeout(onFlushTimer, live.flushIntervalMs() ?? options.flushIntervalMs));

  // Either path sets flushTimer again.
  function onFlushTimer(): void {
    // While live, the events gathered during a batch's round trip go together in the next one:
    // cutting on time anyway would queue small batches, each waiting for the one before it.
    if (live.flushIntervalMs() !== null && uploader.queuedBytes()) schedule();
    else cut();
  }

  /** hold: queue it without sending now (page hide sends it another way); empty: cut a batch even without events (the heartbeat). */
  function cut(hold?: boolean, empty?: boolean): void {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (!buffer.length && !empty) return;
    const session = bufferSession;
    const body = `{"seq":${session.seq++},"events":[${buffer.join(',')}]}`;
    buffer = [];
    bufferBytes = 0;
    saveIfCurrent(session);
    uploader.queueBatch({ owner: session, body }, hold);
    live.sent();
  }

  function rotate(now: number): void {
    cut();
    const session = store.renew(now);
    bufferSession = session;
    if (!session.sampled) {
      stopRecording();
      return;
    }
    uploader.announce(session);
    recording?.snapshot();
  }

  function onEvent(event: RecordedEvent): void {
    const now = Date.now();
    const interaction = isInteraction(event);
    if (idleAt(now)) {
      // The snapshot taken for the new session already shows what this event did.
      if (interaction) rotate(now);
      return;
    }
    if (interaction) store.current().lastActivity = now;

    const json = JSON.stringify(event);
    if (uploader.queuedBytes() + bufferBytes + json.length > options.maxQueueBytes) {
      warnOnce('[SessionKit] recording stopped: too much unsent data (offline?)');
      stopRecording();
      return;
    }
    if (buffer.length && bufferBytes + json.length > options.maxBatchBytes) cut();
    buffer.push(json);
    bufferBytes += json.length + 1;
    if (buffer.length >= options.maxBatchEvents || bufferBytes >= options.maxBatchBytes) cut();
    else if (!flushTimer) schedule();
  }

  function onHide(): void {
    // Not through the pump: a normal fetch is cancelled with the page, keepalive is not.
    cut(true);
    store.saveState();
    uploader.sendOnUnload();
    live.pauseBeats();
  }
  const onShow = () => {
    uploader.resume();
    live.resume();
  };
  // Uncaught errors go into the stream, where the server ties them to the click before them (error clicks).
  const listening = new AbortController();
  const on = { signal: listening.signal };
  captureErrors((error) => custom(ERROR_EVENT_TAG, error), on);
  // Unsampled pages listen too: their loads keep the tab's (unrecorded) session alive, and the
  // pagehide marker is what tells a reload from a duplicated tab.
  document.addEventListener('visibilitychange', () => (document.visibilityState === 'hidden' ? onHide() : onShow()), on);
  addEventListener('pagehide', () => {
    shutTabs();
    onHide();
    store.markHidden();
  }, on);
  addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    store.markShown();
    onShow();
    openTabs();
  }, on);
  addEventListener('online', () => uploader.retryNow(), on);
  // A logout in another tab of this device (reset) rewrote the visitor id: this tab's visitor logged out too.
  addEventListener('storage', (event) => {
    if (event.key === storageKeys.visitor && event.newValue && store.adoptVisitor(event.newValue)) newVisitorSession();
  }, on);

  // Nothing is recorded while not recording.
  const custom = (tag: string, payload: unknown) => recording?.addCustom(tag, payload);
  let closeTabs: (() => void) | undefined;
  const openTabs = () => {
    if (options.announceTabs && recording) closeTabs ??= watchTabs(store.tabId, (kind) => custom('sessionkit/tab', { kind }), visitorStore);
  };
  const shutTabs = () => {
    closeTabs?.();
    closeTabs = undefined;
  };

  /** The old visitor's session closes its tab lane; the new one opens its own. */
  function newVisitorSession(): void {
    if (!recording) return;
    shutTabs();
    rotate(Date.now());
    openTabs();
  }

  function stopRecording(): void {
    shutTabs();
    recording?.stop();
    recording = null;
    live.end();
  }

  function shutdown(): void {
    active = false;
    stopRecording();
    cut();
    live.stop();
    listening.abort();
  }

  if (store.current().sampled) {
    uploader.announce(store.current());
    recording = startRecording(options, onEvent);
    live.resume();
    openTabs();
  }

  return {
    getSessionId: () => (active && store.current().sampled ? store.current().id : null),
    flush() {
      cut();
      return uploader.drain();
    },
    stop() {
      shutdown();
      return uploader.drain();
    },
    identify(userId, traits) {
      const payload = identifyPayload(userId, traits);
      if (payload) custom('sessionkit/identify', payload);
      else console.warn('[SessionKit] identify needs a user id');
    },
    reset() {
      store.resetVisitor();
      newVisitorSession();
    },
  };
}
