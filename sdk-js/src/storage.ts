export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/**
 * Web Storage that degrades to memory: privacy modes, sandboxed iframes and full quotas make
 * the getter or the calls throw, and the SDK must keep working (with per-page ids) when they do.
 */
export function createStore(open: () => Storage | null): KeyValueStore {
  const memory = new Map<string, string>();
  let backing: Storage | null;
  try {
    backing = open();
    backing?.setItem('sessionkit.probe', '1');
    backing?.removeItem('sessionkit.probe');
  } catch {
    backing = null;
  }
  const guard = <T>(action: (storage: Storage) => T, fallback: () => T): T => {
    if (backing) {
      try {
        return action(backing);
      } catch {
        // The session store reads once at start and keeps its own copy, so nothing is migrated.
        backing = null;
      }
    }
    return fallback();
  };
  return {
    get: (key) => guard((s) => s.getItem(key), () => memory.get(key) ?? null),
    set: (key, value) => guard((s) => s.setItem(key, value), () => void memory.set(key, value)),
    remove: (key) => guard((s) => s.removeItem(key), () => void memory.delete(key)),
  };
}

/** 16 random bytes as 32 hex digits. */
export function randomHex(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Storage-less mode: the same interface, kept in memory only (the page forgets it on unload). */
export const memoryStore = (): KeyValueStore => createStore(() => null);
