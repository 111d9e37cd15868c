// The script-tag build cannot split code: live mode is a second script, sessionkit-live.js, built
// next to sessionkit.js and loaded from the same place (else from the server's /sdk/).
import type { LiveContext, LiveLoader, LiveMode } from './live-facade';

declare global {
  interface Window {
    /** Set by sessionkit-live.js. */
    SessionKitLive?: { createLive(ctx: LiveContext): LiveMode };
  }
}

// Taken while sessionkit.js runs: document.currentScript is null once it has.
const self = typeof document === 'undefined' ? null : (document.currentScript as HTMLScriptElement | null);

export const loadLiveScript: LiveLoader = (options) =>
  new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('sessionkit-live.js', self?.src || `${options.endpoint}/sdk/`).href;
    // Under a nonce-based Content Security Policy, the SDK's own nonce lets this one run too.
    script.nonce = self?.nonce ?? '';
    script.onload = () => (window.SessionKitLive ? resolve(window.SessionKitLive) : reject(new Error()));
    script.onerror = reject;
    document.head.append(script);
  });
