import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLive } from './live';
import { resolveOptions } from './options';

const options = resolveOptions({ endpoint: 'https://sk.test/', projectKey: 'pk' });

/** live-script.ts reads document.currentScript once, when the script-tag build runs. */
async function loaderRunFrom(src: string | null, nonce = '') {
  vi.resetModules();
  const script = src === null ? null : Object.assign(document.createElement('script'), { src, nonce });
  vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
  const { loadLiveScript } = await import('./live-script');
  vi.restoreAllMocks();
  return loadLiveScript;
}
const appended = () => [...document.head.querySelectorAll('script')].at(-1)!;

afterEach(() => {
  document.head.innerHTML = '';
  delete window.SessionKitLive;
});

describe('loading live mode from the script tag', () => {
  it('loads sessionkit-live.js from where sessionkit.js came, with its nonce, and resolves with its factory', async () => {
    const load = await loaderRunFrom('https://cdn.test/sk/1.2/sessionkit.js?v=3', 'n0nce');
    const loaded = load(options);
    const script = appended();
    expect(script.src).toBe('https://cdn.test/sk/1.2/sessionkit-live.js');
    expect(script.nonce).toBe('n0nce');
    window.SessionKitLive = { createLive };
    script.dispatchEvent(new Event('load'));
    await expect(loaded).resolves.toEqual({ createLive });
  });

  it("falls back to the server's /sdk/ when sessionkit.js was not loaded by a script element of its own", async () => {
    const load = await loaderRunFrom(null);
    void load(options).catch(() => undefined);
    expect(appended().src).toBe('https://sk.test/sdk/sessionkit-live.js');
  });

  it('rejects when the script fails or does not define the factory', async () => {
    const load = await loaderRunFrom('https://sk.test/sdk/sessionkit.js');
    const failed = load(options);
    appended().dispatchEvent(new Event('error'));
    await expect(failed).rejects.toBeDefined();
    const empty = load(options);
    appended().dispatchEvent(new Event('load'));
    await expect(empty).rejects.toBeDefined();
  });
});
