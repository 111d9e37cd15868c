import { beforeEach, describe, expect, it } from 'vitest';
import { openSessionStore, storageKeys, type SessionStoreInit } from './session-store';
import { createStore, type KeyValueStore } from './storage';

const MINUTE = 60_000;

function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return { get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v), remove: (k) => void map.delete(k) };
}

function open(tabStore: KeyValueStore, visitorStore: KeyValueStore, over: Partial<SessionStoreInit> = {}) {
  return openSessionStore({ tabStore, visitorStore, sampleRate: 1, sessionTimeoutMs: 30 * MINUTE, now: 1_000_000, random: () => 0.5, ...over });
}

describe('session store', () => {
  let tab: KeyValueStore;
  let visitor: KeyValueStore;
  beforeEach(() => {
    tab = memoryStore();
    visitor = memoryStore();
  });

  it('names a session with 32 random hex characters', () => {
    const a = open(tab, visitor).current();
    const b = open(memoryStore(), memoryStore()).current();
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.seq).toBe(0);
  });

  it('continues the session, its next seq and the tab id after a reload', () => {
    const first = open(tab, visitor);
    first.current().seq = 7;
    first.saveState();
    first.markHidden(); // pagehide of the page being reloaded

    const reloaded = open(tab, visitor, { now: 1_000_000 + 5 * MINUTE });
    expect(reloaded.current().id).toBe(first.current().id);
    expect(reloaded.current().seq).toBe(7);
    expect(reloaded.tabId).toBe(first.tabId);
  });

  it('starts a new session in a new tab but keeps the visitor', () => {
    const first = open(tab, visitor);
    const otherTab = open(memoryStore(), visitor);
    expect(otherTab.current().id).not.toBe(first.current().id);
    expect(otherTab.tabId).not.toBe(first.tabId);
    expect(otherTab.visitor()).toBe(first.visitor());
  });

  it('treats a duplicated tab (copied sessionStorage, original still open) as a new tab', () => {
    const original = open(tab, visitor);
    const copy = memoryStore();
    for (const key of Object.values(storageKeys)) {
      const value = tab.get(key);
      if (value !== null) copy.set(key, value);
    }
    const duplicate = open(copy, visitor);
    expect(duplicate.current().id).not.toBe(original.current().id);
    expect(duplicate.tabId).not.toBe(original.tabId);
  });

  it('starts a new session when the tab was idle past the timeout', () => {
    const first = open(tab, visitor);
    first.markHidden();
    const later = open(tab, visitor, { now: 1_000_000 + 31 * MINUTE });
    expect(later.current().id).not.toBe(first.current().id);
    expect(later.current().seq).toBe(0);
  });

  it('decides sampling once per session and remembers it', () => {
    const unsampled = open(tab, visitor, { sampleRate: 0.3, random: () => 0.9 });
    expect(unsampled.current().sampled).toBe(false);
    unsampled.markHidden();
    const reloaded = open(tab, visitor, { sampleRate: 0.3, random: () => 0.1 });
    expect(reloaded.current().sampled).toBe(false);
    expect(reloaded.renew(2_000_000).sampled).toBe(true);
  });

  it('renews to a new id with seq 0 and persists it', () => {
    const store = open(tab, visitor);
    store.current().seq = 3;
    const renewed = store.renew(2_000_000);
    expect(renewed.seq).toBe(0);
    expect(tab.get(storageKeys.session)).toContain(`"id":"${renewed.id}"`);
  });

  it('ignores a corrupt stored session', () => {
    tab.set(storageKeys.session, '{"id":"../../etc","seq":-1}');
    expect(open(tab, visitor).current().id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('falls back to memory when Web Storage throws', () => {
    const throwing = createStore(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const store = open(throwing, throwing);
    expect(store.current().id).toMatch(/^[0-9a-f]{32}$/);
    expect(store.visitor()).toMatch(/^v-[0-9a-f]{32}$/);
    expect(throwing.get(storageKeys.tab)).toBe(store.tabId);
  });

  it('switches to memory when a write starts failing (quota)', () => {
    let full = false;
    const storage = {
      getItem: () => null,
      setItem: () => {
        if (full) throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    const store = createStore(() => storage);
    full = true;
    store.set('sessionkit.x', '1');
    expect(store.get('sessionkit.x')).toBe('1');
  });
});
