import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, type AdminApi, type SessionSummary } from './api';

/** What the visitor types at checkout: distinctive, so finding any of it in storage is a leak. */
export const TYPED = {
  name: 'Zebediah Quux',
  email: 'zq@example.test',
  card: '4111 1111 1111 1111',
  password: 'hunter2-secret',
  notes: 'leave at the blue door',
} as const;

/** The script-tag build's global, as far as these tests use it. */
interface SessionKitGlobal {
  flush?: () => Promise<void>;
  getSessionId?: () => string | null;
}

declare global {
  interface Window {
    SessionKit?: SessionKitGlobal;
  }
}

export interface DemoVisit {
  /** Unique to this visit: the sessions it recorded are the ones with this user agent. */
  readonly userAgent: string;
  /** Session ids the SDK reported on each page (empty if it exposes no getSessionId). */
  readonly reportedSessionIds: readonly string[];
  readonly startedAt: Date;
}

async function waitForSdk(page: Page): Promise<string | null> {
  await page.waitForFunction(() => window.SessionKit !== undefined, null, { timeout: 15_000 });
  return page.evaluate(() => window.SessionKit?.getSessionId?.() ?? null);
}

/** The id of the session the SDK records on `page`; fails if it reports none. */
export async function recordingSessionId(page: Page): Promise<string> {
  const id = await waitForSdk(page);
  if (!id) throw new Error(`the SDK on ${page.url()} reports no session id (window.SessionKit.getSessionId())`);
  return id;
}

/**
 * A visitor's browser context, with a user agent unique to it (so its sessions can be told
 * apart from other tests'). Not local-only: interception would hold the SDK's unload-time uploads.
 */
export async function newVisitorContext(browser: Browser): Promise<{ context: BrowserContext; userAgent: string }> {
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${browser.version()} Safari/537.36 SessionKitBrowserTest/${randomBytes(6).toString('hex')}`;
  const context = await browser.newContext({ userAgent, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  return { context, userAgent };
}

/**
 * A visitor in a fresh browser context: adds three products in the demo shop, checks out,
 * types TYPED into the form, places the order, then makes the SDK send everything (flush,
 * then closing the page, which fires pagehide).
 */
export async function visitDemoShop(browser: Browser, baseUrl: string): Promise<DemoVisit> {
  const startedAt = new Date();
  const { context, userAgent } = await newVisitorContext(browser);
  const ids = new Set<string>();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/demo/`);
    const firstId = await waitForSdk(page);
    if (firstId) ids.add(firstId);

    for (const product of ['#add-jacket', '#add-boots', '#add-pack']) await page.click(product);
    await page.locator('#cart-count', { hasText: '3' }).waitFor();

    await page.click('#checkout-link');
    await page.waitForURL(/\/demo\/checkout\.html$/);
    const secondId = await waitForSdk(page);
    if (secondId) ids.add(secondId);

    await page.locator('#name').pressSequentially(TYPED.name);
    await page.locator('#email').pressSequentially(TYPED.email);
    await page.locator('#card').pressSequentially(TYPED.card);
    await page.locator('#password').pressSequentially(TYPED.password);
    await page.locator('#delivery').selectOption('Express');
    await page.locator('#notes').pressSequentially(TYPED.notes);
    await page.click('#place-order');
    await page.locator('#result', { hasText: 'Order placed' }).waitFor();

    // flush() resolves once the queue is empty (or waiting for a retry); bounded all the same.
    await page.evaluate(() => Promise.race([window.SessionKit?.flush?.(), new Promise((resolve) => setTimeout(resolve, 10_000))]));
    await page.close();
  } finally {
    await context.close();
  }
  return { userAgent, reportedSessionIds: [...ids], startedAt };
}

/** The sessions a visit recorded (found by its unique user agent), once there are any. */
export function sessionsOfVisit(api: AdminApi, visit: DemoVisit): Promise<SessionSummary[]> {
  const from = new Date(visit.startedAt.getTime() - 60_000).toISOString();
  return eventually('the demo visit to be listed in the default project', async () => {
    const mine = (await api.sessions('default', { from })).filter((session) => session.userAgent === visit.userAgent);
    return mine.length > 0 ? mine : undefined;
  });
}
