import type { SessionKitOptions } from './options';
import { randomHex, type KeyValueStore } from './storage';

/** One recording session as the SDK sees it; mutated in place and persisted per tab. */
export interface SessionState {
  id: string;
  /** The seq the next batch will get. */
  seq: number;
  startedAt: number;
  lastActivity: number;
  sampled: boolean;
  /** The server has acknowledged POST /sessions/ for this id. */
  created: boolean;
}

export interface SessionStore {
  /** The device visitor; null in storage-less mode, where no device links sessions. */
  visitor(): string | null;
  readonly tabId: string;
  current(): SessionState;
  /** Starts a new session (new id, seq 0, new sampling decision) and returns it. */
  renew(now: number): SessionState;
  saveState(): void;
  /** A new anonymous visitor on this device (after a logout), from the next session on. */
  resetVisitor(): void;
  /** Another tab of this device reset the visitor to `id`: true when this tab's visitor changed. */
  adoptVisitor(id: string): boolean;
  /** Page is going away or into the back/forward cache: a reload of this tab is not a copy. */
  markHidden(): void;
  markShown(): void;
}

export const storageKeys = {
  session: 'sessionkit.session',
  tab: 'sessionkit.tab',
  alive: 'sessionkit.alive',
  visitor: 'sessionkit.visitor',
  /** `<session id>:1` or `:0`, the visitor's answer to the live-view consent request. */
  consent: 'sessionkit.consent',
  /** `<session id>:<flush interval>:<time>`, left by the last ingest answer that said someone watches. */
  live: 'sessionkit.live',
} as const;

export interface SessionStoreInit extends Pick<SessionKitOptions, 'sampleRate' | 'sessionTimeoutMs'> {
  tabStore: KeyValueStore;
  /** Null in storage-less mode: no visitor id at all. */
  visitorStore: KeyValueStore | null;
  now: number;
  random: () => number;
}

export function openSessionStore(init: SessionStoreInit): SessionStore {
  const { tabStore, visitorStore } = init;
  // "Duplicate tab" copies sessionStorage, flag included, while the original page is still
  // alive. A reload clears the flag on pagehide first, so only a copy finds it set.
  const duplicate = tabStore.get(storageKeys.alive) !== null;

  const tabId = (!duplicate && tabStore.get(storageKeys.tab)) || `t-${randomHex()}`;
  tabStore.set(storageKeys.tab, tabId);
  const newVisitor = () => {
    const id = `v-${randomHex()}`;
    visitorStore?.set(storageKeys.visitor, id);
    return id;
  };
  let visitorId = visitorStore && (visitorStore.get(storageKeys.visitor) || newVisitor());

  const fresh = (now: number): SessionState => ({
    ...blank,
    id: randomHex(),
    startedAt: now,
    lastActivity: now,
    sampled: init.random() < init.sampleRate,
  });

  const stored = duplicate ? null : parse(tabStore.get(storageKeys.session));
  let state = stored && init.now - stored.lastActivity <= init.sessionTimeoutMs ? stored : fresh(init.now);
  state.lastActivity = init.now;

  const store: SessionStore = {
    visitor: () => visitorId,
    tabId,
    current: () => state,
    renew(now) {
      state = fresh(now);
      store.saveState();
      return state;
    },
    saveState: () => tabStore.set(storageKeys.session, JSON.stringify(state)),
    resetVisitor() {
      if (visitorId !== null) visitorId = newVisitor();
    },
    adoptVisitor(id) {
      if (visitorId === null || visitorId === id) return false;
      visitorId = id;
      return true;
    },
    markHidden: () => tabStore.remove(storageKeys.alive),
    markShown: () => tabStore.set(storageKeys.alive, '1'),
  };
  store.markShown();
  store.saveState();
  return store;
}

// A session's fields and their types: what a stored session is checked against.
const blank: SessionState = { id: '', seq: 0, startedAt: 0, lastActivity: 0, sampled: false, created: false };

function parse(text: string | null): SessionState | null {
  try {
    // JSON.parse(null) reads "null", and null's fields throw.
    const v = JSON.parse(text as string) as Record<keyof SessionState, unknown>;
    const valid =
      Object.entries(blank).every(([key, value]) => typeof v[key as keyof SessionState] == typeof value) &&
      /^[\w-]{8,64}$/.test(v.id as string) &&
      Number.isInteger(v.seq) &&
      (v.seq as number) >= 0;
    return valid ? (v as SessionState) : null;
  } catch {
    return null;
  }
}
