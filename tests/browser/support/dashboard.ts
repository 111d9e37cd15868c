import type { ConsoleMessage, FrameLocator, Locator, Page } from 'playwright-core';

export interface AdminCredentials {
  readonly userName: string;
  readonly password: string;
}

const REPLAY_FRAME = '[data-testid=replay-root] iframe';
const LIVE_FRAME = '[data-testid=live-root] iframe';
const LIVE_NOTICES = ['[data-testid=live-blocked]', '[data-testid=live-consent]', '[data-testid=live-failed]'];

/**
 * Opens the dashboard and signs in through its UI: on a server without an administrator it
 * fills the first-start setup form, otherwise the login form (the first test to get here
 * creates the account, whichever file that is). Resolves on the sessions list.
 */
export async function signInThroughUi(page: Page, baseUrl: string, admin: AdminCredentials): Promise<'setup' | 'login'> {
  const state: unknown = await (await fetch(`${baseUrl}/api/v1/auth/state`, { signal: AbortSignal.timeout(10_000) })).json();
  const setupRequired = typeof state === 'object' && state !== null && (state as { setupRequired?: unknown }).setupRequired === true;

  const problems: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(message.text());
  };
  page.on('console', onConsole);
  const response = await page.goto(`${baseUrl}/`);
  if (response?.status() !== 200) throw new Error(`GET / answered ${response?.status() ?? 'nothing'}: the dashboard is not served at /`);
  const heading = page.getByRole('heading', { name: setupRequired ? 'Create the administrator' : 'Sign in' });
  await heading.waitFor().catch((error: unknown) => {
    throw new Error(`the dashboard did not show its ${setupRequired ? 'setup' : 'login'} form; console errors: ${JSON.stringify(problems)}`, { cause: error });
  });
  page.off('console', onConsole);

  if (setupRequired) {
    await page.getByLabel('User name').fill(admin.userName);
    await page.getByLabel(/^Password/).fill(admin.password);
    await page.getByLabel('Confirm password').fill(admin.password);
    await page.getByRole('button', { name: 'Create administrator' }).click();
  } else {
    await page.getByLabel('User name').fill(admin.userName);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByRole('heading', { name: 'Sessions', exact: true }).waitFor();
  return setupRequired ? 'setup' : 'login';
}

export interface ReplayView {
  /** The player's iframe element, in the dashboard's document. */
  readonly iframe: Locator;
  /** The recorded document inside it. */
  readonly frame: FrameLocator;
}

/**
 * Waits for the replay page (already navigated to) to mount the player's iframe. Fails at once,
 * with the dashboard's own message, when it shows "blocked", "unavailable" or "not found".
 */
export async function waitForReplayFrame(page: Page): Promise<ReplayView> {
  const outcome = page.locator(
    [REPLAY_FRAME, '[data-testid=replay-blocked]', '[data-testid=replay-unavailable]', '[data-testid=replay-not-found]'].join(', '),
  );
  await outcome.first().waitFor({ state: 'attached', timeout: 30_000 });
  const notice = page.locator('[data-testid=replay-blocked], [data-testid=replay-unavailable], [data-testid=replay-not-found]');
  if ((await notice.count()) > 0) {
    throw new Error(`the replay page shows a notice instead of the player: ${await notice.first().innerText()}`);
  }
  const iframe = page.locator(REPLAY_FRAME).first();
  return { iframe, frame: iframe.contentFrame() };
}

export async function openReplay(page: Page, baseUrl: string, sessionId: string): Promise<ReplayView> {
  await page.goto(`${baseUrl}/#/sessions/${encodeURIComponent(sessionId)}`);
  return waitForReplayFrame(page);
}

/** The sandbox tokens of the replay iframe, or null when it has no sandbox attribute. */
export async function sandboxTokens(iframe: Locator): Promise<string[] | null> {
  const value = await iframe.getAttribute('sandbox');
  return value === null ? null : value.toLowerCase().split(/\s+/).filter((token) => token.length > 0);
}

/**
 * Goes to the live list through the main navigation, waits for `sessionId`'s row (the list
 * fetches active sessions, then follows the hub's pushes) and clicks its "Watch live".
 */
export async function watchFromLiveList(page: Page, sessionId: string): Promise<ReplayView> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Live', exact: true }).click();
  await page.waitForURL((url) => url.hash === '#/live');
  const row = page.locator(`[data-testid=live-session-row][data-session-id="${sessionId}"]`);
  await row.waitFor({ timeout: 30_000 });
  await row.locator('[data-testid=watch-live]').click();
  await page.waitForURL((url) => url.hash === `#/live/${sessionId}`);
  return waitForLiveFrame(page);
}

/**
 * Waits for the live view (already navigated to) to mount the live replayer's iframe, which
 * happens once the visitor's full snapshot has arrived. Fails at once, with the dashboard's
 * own message, when it shows "blocked", a consent notice or "cannot watch".
 */
export async function waitForLiveFrame(page: Page): Promise<ReplayView> {
  await page.locator([LIVE_FRAME, ...LIVE_NOTICES].join(', ')).first().waitFor({ state: 'attached', timeout: 30_000 });
  const notice = page.locator(LIVE_NOTICES.join(', '));
  if ((await notice.count()) > 0) {
    throw new Error(`the live view shows a notice instead of the visitor's page: ${await notice.first().innerText()}`);
  }
  const iframe = page.locator(LIVE_FRAME).first();
  return { iframe, frame: iframe.contentFrame() };
}
