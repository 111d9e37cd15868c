// Entry of the script-tag build: its exports become `window.SessionKit`.
import { loadLiveScript } from './live-script';
import type { SessionKitInit } from './options';
import { createSessionKit as start, type SessionKit } from './sessionkit';

export const createSessionKit = (init: SessionKitInit): SessionKit => start(init, loadLiveScript);
export { defaultOptions } from './options';

// The one module-level singleton the house style allows: the page-wide script-tag instance.
let instance: SessionKit | null = null;

export function init(options: SessionKitInit): SessionKit {
  if (instance) {
    console.warn('[SessionKit] init() called twice; the first options stay in effect');
    return instance;
  }
  instance = createSessionKit(options);
  return instance;
}

export function stop(): Promise<void> {
  const current = instance;
  instance = null;
  return current ? current.stop() : Promise.resolve();
}

export function flush(): Promise<void> {
  return instance ? instance.flush() : Promise.resolve();
}

export function getSessionId(): string | null {
  return instance ? instance.getSessionId() : null;
}

export function identify(userId: string, traits?: Record<string, string | number | boolean>): void {
  instance?.identify(userId, traits);
}

export function reset(): void {
  instance?.reset();
}
