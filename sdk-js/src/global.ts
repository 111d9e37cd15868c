// Entry of the script-tag build: its exports become `window.SessionKit`.
import { loadLiveScript } from './live-script';
import type { SessionKitInit } from './options';
import type { Traits } from './identity';
import { createSessionKit as start, inert, type SessionKit } from './sessionkit';

export const createSessionKit = (init: SessionKitInit): SessionKit => start(init, loadLiveScript);
export { defaultOptions } from './options';

// The one module-level singleton the house style allows: the page-wide script-tag instance.
let instance: SessionKit | null = null;
const current = () => instance ?? inert;

export function init(options: SessionKitInit): SessionKit {
  if (instance) console.warn('[SessionKit] init() called twice; the first options are kept');
  return (instance ??= createSessionKit(options));
}

export function stop(): Promise<void> {
  const stopping = current();
  instance = null;
  return stopping.stop();
}

export const flush = (): Promise<void> => current().flush();
export const getSessionId = (): string | null => current().getSessionId();
export const identify = (userId: string, traits?: Traits): void => current().identify(userId, traits);
export const reset = (): void => current().reset();
