import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from './storage';
import { watchTabs, type TabKind } from './tabs';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
  vi.unstubAllGlobals();
});

function watch(tabId: string, shared = createStore(() => localStorage)) {
  const kinds: TabKind[] = [];
  closers.push(watchTabs(tabId, (kind) => kinds.push(kind), shared));
  return kinds;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('watchTabs', () => {
  it('announces opening, and leaving the front when another tab of the browser comes to the front', async () => {
    // A tab opening visible is in front at once.
    const left = watch('t-left');
    expect(left).toEqual(['opened', 'focused']);

    const right = watch('t-right');
    await tick();

    expect(left).toEqual(['opened', 'focused', 'hidden']);
    expect(right).toEqual(['opened', 'focused']);
    window.dispatchEvent(new Event('focus'));
    await tick();
    // Both listen on the same window here, so both took the focus; what matters is each said so once.
    expect(left).toEqual(['opened', 'focused', 'hidden', 'focused']);
  });

  it('announces closing when stopped', () => {
    const kinds: TabKind[] = [];
    watchTabs('t-solo', (kind) => kinds.push(kind), null)();
    expect(kinds).toEqual(['opened', 'focused', 'closed']);
  });

  it('falls back to a storage event where there is no BroadcastChannel', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const left = watch('t-left');
    const set = vi.spyOn(Storage.prototype, 'setItem');
    watch('t-right');
    expect(set).toHaveBeenCalledWith('sessionkit.tabs', expect.stringMatching(/^t-right:\d+$/));

    window.dispatchEvent(new StorageEvent('storage', { key: 'sessionkit.tabs', newValue: 't-right:1' }));
    expect(left).toEqual(['opened', 'focused', 'hidden']);
  });
});
