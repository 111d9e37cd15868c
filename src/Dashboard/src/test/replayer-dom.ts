import { afterEach, beforeEach, vi } from 'vitest';

/**
 * For tests of the installed rrweb replayers: fake timers (their playback runs on timers), and a page
 * emptied after each test, since each replayer leaves its iframe in the document.
 */
export function useReplayerDom(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.clearAllTimers();
    vi.useRealTimers();
    document.body.innerHTML = '';
  });
}

/** A root in the document: rrweb sizes and sandboxes its iframe only once it is connected. */
export function connectedRoot(): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  return root;
}
