import { describe, expect, inject, it } from 'vitest';
import { adminApi, eventually } from './support/api';
import { useChromium } from './support/browser';
import { serveSignalPages } from './support/signal-pages';

interface StoredSignal {
  readonly type: string;
  readonly url: string | null;
  readonly target: { readonly selector: string; readonly text: string | null } | null;
  readonly explanation: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signalsOf(baseUrl: string, token: string, sessionId: string): Promise<StoredSignal[]> {
  const response = await fetch(`${baseUrl}/api/v1/sessions/${encodeURIComponent(sessionId)}/signals`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(15_000),
  });
  if (response.status !== 200) throw new Error(`GET signals answered ${response.status}`);
  return ((await response.json()) as { signals: StoredSignal[] }).signals;
}

describe('Signals', () => {
  const chromium = useChromium();

  it('rage clicks on a dead button, a click that throws and a half-filled form left are exactly the session\'s signals', async () => {
    const baseUrl = inject('baseUrl');
    const token = inject('adminToken');
    const pages = await serveSignalPages(baseUrl, await adminApi(baseUrl, token).ingestKey('default'));
    // A recording context reaches the test pages and the server only; both are on 127.0.0.1.
    const context = await chromium().newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(pages.struggleUrl);
      const sessionId = await page.waitForFunction(() => (window as unknown as { SessionKit: { getSessionId(): string | null } }).SessionKit.getSessionId())
        .then((handle) => handle.jsonValue() as Promise<string>);
      await sleep(500);

      // Three quick clicks on one spot of a button that does nothing.
      const nothing = page.locator('#nothing');
      await nothing.click();
      await nothing.click({ delay: 0 });
      await nothing.click({ delay: 0 });
      // Long enough for the dead click's window to pass with nothing changing.
      await sleep(2_000);

      await page.locator('#throws').click();
      await sleep(500);

      await page.locator('#email').fill('ada@example.com');
      await sleep(300);
      await page.locator('#leave').click();
      await page.waitForURL(pages.nextUrl);
      await page.locator('#next-title').waitFor();
      await page.mouse.move(600, 600);
      await page.evaluate(() => (window as unknown as { SessionKit: { flush(): Promise<void> } }).SessionKit.flush());

      const signals = await eventually(
        'the four signals of the visit',
        async () => {
          const stored = await signalsOf(baseUrl, token, sessionId);
          return stored.length >= 4 ? stored : undefined;
        },
        { timeoutMs: 30_000 },
      );
      // Settle: nothing more arrives.
      await sleep(1_000);
      const final = await signalsOf(baseUrl, token, sessionId);

      expect(final.map((signal) => signal.type)).toEqual(['rage_click', 'dead_click', 'error_click', 'form_abandonment']);
      expect(signals.slice(0, 4)).toEqual(final);
      const [rage, dead, error, form] = final;
      expect(rage?.target).toEqual({ selector: 'button#nothing', text: 'Apply coupon' });
      expect(rage?.explanation).toMatch(/^3 clicks within \d+ ms on 'Apply coupon'$/);
      expect(dead?.target?.selector).toBe('button#nothing');
      expect(error?.target).toEqual({ selector: 'button#throws', text: 'Pay now' });
      expect(error?.explanation).toContain('TypeError: cart is undefined');
      expect(form?.target?.selector).toBe('form#signup');
      expect(form?.explanation).toBe('1 field of form#signup filled, then the page was left without sending it');
      for (const signal of final) expect(signal.url).toBe(pages.struggleUrl);
      // The typed email never appears in what the signals say.
      expect(JSON.stringify(final)).not.toContain('ada@example.com');
    } finally {
      await context.close();
      await pages.close();
    }
  });
});
