import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { newLocalOnlyContext, useChromium } from './support/browser';
import { sandboxTokens, signInThroughUi, watchFromLiveList } from './support/dashboard';
import { newVisitorContext, recordingSessionId } from './support/demo-shop';
import { resultsDir } from './support/paths';
import { expectReplayShowsAPage } from './support/replay-screenshot';

/** How long a visitor's action may take to show in the live view once the SDK streams. */
const LIVE_BOUND_MS = 10_000;
/**
 * How long a full page load may take to show. The new page starts in live mode from the state
 * the previous page's last ingest answer left in the tab; should that fail, it learns it from its
 * first answer, after the normal flush interval (5 s).
 */
const NEW_PAGE_BOUND_MS = 15_000;
const JACKET_ADDED = 'Added ✓';
const TYPED_NAME = 'Zebediah';
const LIVE_INDICATOR_TEXT = 'Support is viewing this page';

declare global {
  interface Window {
    liveTestClickAt?: number;
    liveTestShadowRoots?: ShadowRoot[];
  }
}

/**
 * The SDK's badge is in a closed shadow root, which neither the page nor playwright's locators
 * can enter: every page of the visitor keeps the roots it attaches, so the test can look inside.
 */
function keepShadowRoots(): void {
  const roots: ShadowRoot[] = [];
  const attach = Object.getOwnPropertyDescriptor(Element.prototype, 'attachShadow')?.value as (this: Element, init: ShadowRootInit) => ShadowRoot;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  };
  window.liveTestShadowRoots = roots;
}

/** Waits until the visitor's page shows the "being watched" badge. */
async function liveBadgeShown(visitor: Page, timeoutMs: number): Promise<void> {
  await visitor.waitForFunction(
    (text) => window.liveTestShadowRoots?.some((root) => root.host.isConnected && root.querySelector('[part=badge]')?.textContent === text) === true,
    LIVE_INDICATOR_TEXT,
    { timeout: timeoutMs },
  );
}

/** What the live iframe holds: its HTML and the value of every field, as the dashboard sees them. */
interface LiveDocument {
  readonly html: string;
  readonly name: string | null;
  readonly values: readonly string[];
}

function readLiveDocument(agent: Page): Promise<LiveDocument> {
  return agent.evaluate(() => {
    const doc = document.querySelector<HTMLIFrameElement>('[data-testid=live-root] iframe')?.contentDocument;
    const fields = [...(doc?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea') ?? [])];
    return {
      html: doc?.documentElement.outerHTML ?? '',
      name: doc?.querySelector<HTMLInputElement>('#name')?.value ?? null,
      values: fields.map((field) => field.value),
    };
  });
}

/** Where the live view draws the visitor's cursor, whether it shows a click, and the box of `selector` in the live page. */
function readLiveCursor(agent: Page, selector: string) {
  return agent.evaluate((selector) => {
    const root = document.querySelector('[data-testid=live-root]');
    const mouse = root?.querySelector<HTMLElement>('.replayer-mouse');
    const box = root?.querySelector('iframe')?.contentDocument?.querySelector(selector)?.getBoundingClientRect();
    if (!mouse || !box) return null;
    return {
      x: parseFloat(mouse.style.left),
      y: parseFloat(mouse.style.top),
      clicking: mouse.classList.contains('active'),
      box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
    };
  }, selector);
}

/** Waits in the dashboard (every frame) until the live iframe's `selector` has `text`; resolves with the time it saw it. */
async function seenInLiveFrame(agent: Page, selector: string, text: string, timeoutMs: number): Promise<number> {
  const handle = await agent.waitForFunction(
    ([selector, text]) => {
      const doc = document.querySelector<HTMLIFrameElement>('[data-testid=live-root] iframe')?.contentDocument;
      return doc?.querySelector(selector)?.textContent.trim() === text ? Date.now() : false;
    },
    [selector, text] as const,
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}

describe('LiveCoBrowsing', () => {
  const chromium = useChromium();

  it('a click and a typed (masked) value on the demo site appear in the live view iframe', async () => {
    const baseUrl = inject('baseUrl');
    const { context: visitorContext } = await newVisitorContext(chromium());
    await visitorContext.addInitScript(keepShadowRoots);
    const agentContext = await newLocalOnlyContext(chromium());
    try {
      // A: a visitor on the demo shop, recorded into the default project. Live mode's code is a
      // file of its own, which the SDK loads only once someone watches.
      const liveScripts: string[] = [];
      visitorContext.on('request', (request) => {
        if (request.url().includes('/sdk/sessionkit-live')) liveScripts.push(request.url());
      });
      const visitor = await visitorContext.newPage();
      await visitor.goto(`${baseUrl}/demo/`);
      const sessionId = await recordingSessionId(visitor);
      expect(liveScripts, 'nothing of live mode is loaded while nobody watches').toEqual([]);

      // B: an administrator finds the session in the live list and watches it.
      const agent = await agentContext.newPage();
      await signInThroughUi(agent, baseUrl, { userName: inject('adminUserName'), password: inject('adminPassword') });
      const { iframe, frame } = await watchFromLiveList(agent, sessionId);

      const sandbox = await sandboxTokens(iframe);
      expect(sandbox, 'the live iframe has a sandbox attribute').not.toBeNull();
      expect(sandbox).not.toContain('allow-scripts');
      const title = frame.locator('#demo-title');
      await title.waitFor({ state: 'attached', timeout: 30_000 });
      expect((await title.textContent())?.trim()).toBe('Trail gear for every season');
      // "<connection> · <watch status>": not "disconnected", "reconnecting" or "joining".
      await expect.poll(() => agent.getByTestId('live-status').textContent(), { timeout: LIVE_BOUND_MS }).toBe('connected · streaming');
      expect(await agent.getByTestId('live-viewers').textContent()).toBe('1 viewer');

      // The SDK shows the visitor they are watched once an ingest answer says so (its heartbeat
      // asks every 5 s) and it has loaded live mode from the server; from then on it flushes every 100 ms.
      await liveBadgeShown(visitor, NEW_PAGE_BOUND_MS);
      expect(liveScripts[0]).toBe(`${baseUrl}/sdk/sessionkit-live.js`);

      // A click: the demo turns the button's text into "Added ✓".
      await visitor.evaluate(() =>
        document.addEventListener('click', () => (window.liveTestClickAt = Date.now()), { capture: true, once: true }),
      );
      await visitor.click('#add-jacket');
      await visitor.locator('#add-jacket', { hasText: JACKET_ADDED }).waitFor();
      const seenAt = await seenInLiveFrame(agent, '#add-jacket', JACKET_ADDED, LIVE_BOUND_MS);
      const clickedAt = await visitor.evaluate(() => window.liveTestClickAt ?? null);
      expect(clickedAt, 'the click was seen by the demo page').not.toBeNull();
      console.log(`[live] click on the demo site to the live view: ${seenAt - (clickedAt ?? seenAt)} ms`);
      expect((await frame.locator('#add-jacket').textContent())?.trim()).toBe(JACKET_ADDED);
      // The visitor's cursor is drawn over the live page, on the button, showing the click.
      await expect.poll(async () => (await readLiveCursor(agent, '#add-jacket'))?.clicking, { timeout: LIVE_BOUND_MS }).toBe(true);
      const cursor = await readLiveCursor(agent, '#add-jacket');
      expect(cursor, 'the live view has a cursor').not.toBeNull();
      if (cursor) {
        expect(cursor.x).toBeGreaterThanOrEqual(cursor.box.left - 1);
        expect(cursor.x).toBeLessThanOrEqual(cursor.box.right + 1);
        expect(cursor.y).toBeGreaterThanOrEqual(cursor.box.top - 1);
        expect(cursor.y).toBeLessThanOrEqual(cursor.box.bottom + 1);
      }
      // The lag is measured on batches that carry events, such as the click's.
      await expect.poll(() => agent.getByTestId('live-lag').textContent(), { timeout: LIVE_BOUND_MS }).toMatch(/^lag \d+ ms$/);

      // A full page load in the same tab continues the session; the live view follows it.
      const navigatedAt = Date.now();
      await visitor.click('#checkout-link');
      await visitor.waitForURL(/\/demo\/checkout\.html$/);
      expect(await recordingSessionId(visitor), 'the session continues across page loads in one tab').toBe(sessionId);
      const checkoutSeenAt = await seenInLiveFrame(agent, '#checkout-title', 'Checkout', NEW_PAGE_BOUND_MS);
      console.log(`[live] page load on the demo site to the live view: ${checkoutSeenAt - navigatedAt} ms`);
      await expect.poll(() => agent.getByTestId('live-url').textContent(), { timeout: LIVE_BOUND_MS }).toMatch(/\/demo\/checkout\.html$/);
      await liveBadgeShown(visitor, NEW_PAGE_BOUND_MS);

      // Typing: the live view shows the field masked, and never what was typed.
      const samples: LiveDocument[] = [];
      const sample = async () => {
        const current = await readLiveDocument(agent);
        samples.push(current);
        return current;
      };
      const typedAt = Date.now();
      await visitor.locator('#name').pressSequentially(TYPED_NAME);
      expect(await visitor.locator('#name').inputValue()).toBe(TYPED_NAME);
      await expect
        .poll(async () => (await sample()).name, { timeout: LIVE_BOUND_MS, interval: 50 })
        .toMatch(/^\*+$/);
      console.log(`[live] typing on the demo site to the masked value in the live view: ${Date.now() - typedAt} ms`);
      // Keep watching a little: a later batch must not reveal it either.
      const watchUntil = Date.now() + 1_500;
      while (Date.now() < watchUntil) await sample();
      const last = samples.at(-1);
      expect(last?.name, 'the live #name field is masked').toMatch(/^\*+$/);
      for (const seen of samples) {
        expect(seen.html.toLowerCase(), 'the live iframe HTML holds the typed name').not.toContain(TYPED_NAME.toLowerCase());
        for (const value of seen.values) expect(value.toLowerCase(), 'a live field shows the typed name').not.toContain(TYPED_NAME.toLowerCase());
      }
      expect((await agent.content()).toLowerCase(), 'the dashboard page holds the typed name').not.toContain(TYPED_NAME.toLowerCase());

      await expectReplayShowsAPage(iframe, 'live-frame.png');
      await writeFile(path.join(resultsDir, 'live.png'), await agent.screenshot({ fullPage: true }));
    } finally {
      await agentContext.close();
      await visitorContext.close();
    }
  });
});
