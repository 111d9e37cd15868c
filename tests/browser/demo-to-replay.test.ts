import { describe, expect, inject, it } from 'vitest';
import { adminApi } from './support/api';
import { newLocalOnlyContext, useChromium } from './support/browser';
import { sandboxTokens, signInThroughUi, waitForReplayFrame } from './support/dashboard';
import { sessionsOfVisit, visitDemoShop } from './support/demo-shop';
import { expectReplayShowsAPage } from './support/replay-screenshot';

describe('DemoToReplay', () => {
  const chromium = useChromium();

  it('a demo shop visit is listed in the dashboard and replays, sandboxed and visible', async () => {
    const baseUrl = inject('baseUrl');
    const api = adminApi(baseUrl, inject('adminToken'));
    const visit = await visitDemoShop(chromium(), baseUrl);

    // The replay starts at the visit's first page: the shop, unless the SDK split the visit.
    const sessions = await sessionsOfVisit(api, visit);
    const session = sessions.find((candidate) => candidate.firstUrl?.endsWith('/demo/')) ?? sessions[sessions.length - 1];
    if (!session) throw new Error('no session recorded');
    const onShopPage = !session.firstUrl?.includes('checkout');
    const heading = onShopPage ? { selector: '#demo-title', text: 'Trail gear for every season' } : { selector: '#checkout-title', text: 'Checkout' };

    const context = await newLocalOnlyContext(chromium());
    try {
      const page = await context.newPage();
      await signInThroughUi(page, baseUrl, { userName: inject('adminUserName'), password: inject('adminPassword') });

      // The sessions list refetches on its own; the row shows up without a reload.
      const row = page.locator(`[data-testid=session-row][data-session-id="${session.id}"]`);
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      await page.waitForURL((url) => url.hash === `#/sessions/${session.id}`);
      const { iframe, frame } = await waitForReplayFrame(page);

      const sandbox = await sandboxTokens(iframe);
      expect(sandbox, 'the replay iframe has a sandbox attribute').not.toBeNull();
      expect(sandbox).not.toContain('allow-scripts');

      const recorded = frame.locator(heading.selector);
      await recorded.waitFor({ state: 'attached', timeout: 30_000 });
      expect((await recorded.textContent())?.trim()).toBe(heading.text);
      expect(session.eventCount).toBeGreaterThan(1);

      await expectReplayShowsAPage(iframe, 'replay.png');
    } finally {
      await context.close();
    }
  });
});
