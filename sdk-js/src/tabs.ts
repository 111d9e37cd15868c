import type { KeyValueStore } from './storage';

export type TabKind = 'opened' | 'focused' | 'hidden' | 'closed';

const KEY = 'sessionkit.tabs';

/**
 * Announces this tab's place among the visitor's tabs: opened, focused (it came to the front), hidden (it
 * left the front: hidden, or another tab of the same browser was focused) and closed. Tabs tell each other
 * through a BroadcastChannel, or where there is none through a localStorage key whose `storage` event
 * reaches the other tabs (not in storage-less mode). Returns a function that announces `closed` and stops.
 */
export function watchTabs(tabId: string, announce: (kind: TabKind) => void, shared: KeyValueStore | null): () => void {
  let front = false;
  const listening = new AbortController();
  const on = { signal: listening.signal };
  const channel = typeof BroadcastChannel == 'function' ? new BroadcastChannel(KEY) : null;
  const set = (now: boolean) => {
    if (now == front) return;
    front = now;
    announce(now ? 'focused' : 'hidden');
    if (!now) return;
    if (channel) channel.postMessage(tabId);
    else shared?.set(KEY, `${tabId}:${Date.now()}`);
  };
  // Another tab came to the front.
  const heard = (other: unknown) => typeof other == 'string' && other.split(':')[0] != tabId && set(false);
  const visibility = () => set(document.visibilityState == 'visible');

  announce('opened');
  visibility();
  if (channel) channel.onmessage = (event) => heard(event.data);
  addEventListener('storage', (event) => event.key == KEY && heard(event.newValue), on);
  addEventListener('focus', () => set(true), on);
  document.addEventListener('visibilitychange', visibility, on);
  return () => {
    channel?.close();
    listening.abort();
    announce('closed');
  };
}
