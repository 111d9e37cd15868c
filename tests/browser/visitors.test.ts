import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { adminApi, eventually } from './support/api';
import { newLocalOnlyContext, useChromium } from './support/browser';
import { sandboxTokens, signInThroughUi } from './support/dashboard';
import { newVisitorContext, recordingSessionId } from './support/demo-shop';
import { markTab, mergedPlayer, middle, type JourneyRead } from './support/merged-replay';
import { flush, identify, identityApi, ids, openTab, reset } from './support/visitors';

const newUser = (name: string) => `${name}-${randomBytes(6).toString('hex')}`;

describe('Visitors', () => {
  const chromium = useChromium();
  const baseUrl = () => inject('baseUrl');
  const persons = () => identityApi(baseUrl(), inject('adminToken'));

  it('two tabs of one browser are two sessions of one visitor in one journey, with the right tab in front', async () => {
    const api = adminApi(baseUrl(), inject('adminToken'));
    const { context } = await newVisitorContext(chromium());
    try {
      const left = await openTab(context, baseUrl());
      await flush(left.page);
      const right = await openTab(context, baseUrl());
      await flush(right.page);
      // Back to the first tab (headless Chromium does not fire window focus on bringToFront, so it is sent).
      await left.page.bringToFront();
      await left.page.evaluate(() => window.dispatchEvent(new Event('focus')));
      // The visitor goes on in that tab, so its stretch in front lasts.
      await left.page.waitForTimeout(200);
      await left.page.mouse.click(20, 20);
      await flush(left.page);
      await flush(right.page);

      // Both stored (a 404 throws and is retried), then the visitor they share.
      await eventually('both sessions to be stored', async () => Promise.all([api.session(left.sessionId), api.session(right.sessionId)]));
      const visitorId = await eventually('the sessions visitor id', () => fetchVisitorId(baseUrl(), left.sessionId));
      expect(await fetchVisitorId(baseUrl(), right.sessionId)).toBe(visitorId);
      type Read = { sessions: unknown; journeys: { lanes: unknown[]; front: { sessionId: string }[] }[] };
      const visitor = await eventually('one journey with both tabs and three front stretches', async () => {
        const read = (await persons().visitor(visitorId)) as Read | null;
        const [only, ...more] = read?.journeys ?? [];
        return only && more.length === 0 && only.lanes.length === 2 && only.front.length >= 3 ? { read, journey: only } : undefined;
      });

      expect(ids(visitor.read?.sessions)).toEqual([left.sessionId, right.sessionId].sort());
      expect(visitor.journey.front.map((interval) => interval.sessionId)).toEqual([left.sessionId, right.sessionId, left.sessionId]);
    } finally {
      await context.close();
    }

  });

  it('the visitor page replays the journey as one timeline: the tab in front at each moment, or tab 2 alone', async () => {
    const api = adminApi(baseUrl(), inject('adminToken'));
    const { context } = await newVisitorContext(chromium());
    let left: { sessionId: string }, right: { sessionId: string };
    try {
      const a = await openTab(context, baseUrl());
      await markTab(a.page, 'Merged replay: tab A');
      await flush(a.page);
      const b = await openTab(context, baseUrl());
      await markTab(b.page, 'Merged replay: tab B');
      // Tab B stays in front a while, so the middle of its stretch is well after its mark.
      await b.page.waitForTimeout(1_000);
      await flush(b.page);
      await a.page.bringToFront();
      await a.page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await a.page.waitForTimeout(500);
      // Tab B goes on recording behind tab A, so its lane reaches into tab A's last stretch in front.
      for (const x of [40, 80, 120]) await b.page.mouse.move(x, 40);
      await a.page.waitForTimeout(1_000);
      await a.page.mouse.click(20, 20);
      await flush(a.page);
      await flush(b.page);
      [left, right] = [a, b];
    } finally {
      await context.close();
    }

    await eventually('both sessions to be stored', async () => Promise.all([api.session(left.sessionId), api.session(right.sessionId)]));
    const visitorId = await eventually('the sessions visitor id', () => fetchVisitorId(baseUrl(), left.sessionId));
    const journey = await eventually('one journey with both tabs, three stretches in front, tab B recording into the last', async () => {
      const read = (await persons().visitor(visitorId)) as { journeys?: JourneyRead[] } | null;
      const [only, ...more] = read?.journeys ?? [];
      const laneB = only?.lanes.find((lane) => lane.sessionId === right.sessionId);
      const last = only?.front.at(-1);
      return only && more.length === 0 && only.front.length >= 3 && laneB && last && laneB.endMs > last.fromMs + 100 ? only : undefined;
    });
    expect(journey.front.map((interval) => interval.sessionId)).toEqual([left.sessionId, right.sessionId, left.sessionId]);
    const [firstA, inFrontB, inFrontA] = journey.front;
    const laneB = journey.lanes.find((lane) => lane.sessionId === right.sessionId);
    if (!firstA || !inFrontB || !inFrontA || !laneB) throw new Error('the journey lost a stretch or a lane');

    const dashboard = await newLocalOnlyContext(chromium());
    try {
      const page = await dashboard.newPage();
      await signInThroughUi(page, baseUrl(), { userName: inject('adminUserName'), password: inject('adminPassword') });
      await page.goto(`${baseUrl()}/#/projects/default/visitors/${encodeURIComponent(visitorId)}`);
      await page.locator('[data-testid=merged-replay]').waitFor();
      const player = mergedPlayer(page, journey);

      // Following the tab in front: tab B in the middle of its stretch, tab A in the middle of its last.
      await player.seek(middle(inFrontB.fromMs, inFrontB.toMs));
      expect(await player.showsTab(right.sessionId)).toBe('Merged replay: tab B');
      expect(await sandboxTokens(player.shownFrame())).not.toContain('allow-scripts');
      await page.screenshot({ path: 'test-results/merged-replay.png', fullPage: true });
      // Playing on from there, the player switches to tab A when it comes back to the front.
      await page.locator('[data-testid=merged-play]').click();
      expect(await player.showsTab(left.sessionId)).toBe('Merged replay: tab A');
      const pause = page.locator('[data-testid=merged-play][aria-pressed=true]');
      if ((await pause.count()) > 0) await pause.click();
      await player.seek(middle(inFrontA.fromMs, Math.min(inFrontA.toMs, laneB.endMs)));
      expect(await player.showsTab(left.sessionId)).toBe('Merged replay: tab A');
      expect(await sandboxTokens(player.shownFrame())).not.toContain('allow-scripts');

      // Tab 2 alone: the same moment, tab A in front, shows tab B; before tab B opened, nothing.
      await player.follow(right.sessionId);
      expect(await player.showsTab(right.sessionId)).toBe('Merged replay: tab B');
      await player.seek(middle(firstA.fromMs, firstA.toMs));
      await player.notice().filter({ hasText: 'Tab 2 is not open' }).waitFor();
      expect(await player.shownCount()).toBe(0);
      await page.screenshot({ path: 'test-results/merged-replay-alone.png', fullPage: true });
    } finally {
      await dashboard.close();
    }
  });

  it.each([
    ['laptop first', false],
    ['phone first', true],
  ])('two devices identifying as one user (%s, identify repeated) make one person with every session', async (_, phoneFirst) => {
    const userId = newUser('ada');
    const sessions: string[] = [];
    const device = async (first: boolean) => {
      const { context } = await newVisitorContext(chromium());
      try {
        // An anonymous visit in a tab of its own, then a new tab that logs in.
        const anonymous = await openTab(context, baseUrl());
        await flush(anonymous.page);
        await anonymous.page.close();
        const tab = await openTab(context, baseUrl());
        await identify(tab.page, userId, { plan: first ? 'pro' : 'free' });
        await identify(tab.page, userId);
        sessions.push(anonymous.sessionId, tab.sessionId);
      } finally {
        await context.close();
      }
    };
    await device(phoneFirst);
    await device(!phoneFirst);

    const person = await eventually('the person with both devices and all four sessions', async () => {
      const read = await persons().person(userId);
      return read && (read.sessions as unknown[]).length === 4 && (read.devices as unknown[]).length === 2 ? read : undefined;
    });
    expect(ids(person.sessions)).toEqual([...sessions].sort());
    expect((person.traits as Record<string, string>).plan).toBeDefined();
  });

  it('after logout a second user on the same device gets only the sessions from its identify on', async () => {
    const [alice, bob] = [newUser('alice'), newUser('bob')];
    const { context } = await newVisitorContext(chromium());
    let aliceSession: string, bobSession: string;
    try {
      const tab = await openTab(context, baseUrl());
      aliceSession = tab.sessionId;
      await identify(tab.page, alice);
      await reset(tab.page);
      bobSession = await recordingSessionId(tab.page);
      await identify(tab.page, bob);
    } finally {
      await context.close();
    }

    expect(bobSession).not.toBe(aliceSession);
    const [a, b] = await eventually('both persons linked', async () => {
      const [a, b] = await Promise.all([persons().person(alice), persons().person(bob)]);
      return a && b && (b.sessions as unknown[]).length > 0 ? [a, b] : undefined;
    });
    expect(ids(a.sessions)).toEqual([aliceSession]);
    expect(ids(b.sessions)).toEqual([bobSession]);
  });

  it('erasing a person leaves nothing of it in any answer', async () => {
    const api = adminApi(baseUrl(), inject('adminToken'));
    const userId = newUser('erased');
    const { context } = await newVisitorContext(chromium());
    let sessionId: string;
    try {
      const tab = await openTab(context, baseUrl());
      sessionId = tab.sessionId;
      await identify(tab.page, userId, { plan: 'gone' });
      await eventually('the person', async () => ((await persons().person(userId)) ? true : undefined));

      expect(await persons().erase(userId)).toMatchObject({ erasedSessions: 1, erasedDevices: 1 });

      // The page goes on recording; its batches are refused and nothing comes back.
      await tab.page.mouse.move(10, 10);
      await identify(tab.page, userId);
    } finally {
      await context.close();
    }

    expect(await persons().person(userId)).toBeNull();
    const session = await fetch(`${baseUrl()}/api/v1/sessions/${sessionId}`, { headers: { Authorization: `Bearer ${inject('adminToken')}` } });
    expect(session.status).toBe(404);
    expect((await api.sessions('default', { userId })).length).toBe(0);
    expect((await api.sessions('default', { trait: 'plan:gone' })).length).toBe(0);
    expect((await api.sessions('default')).map((listed) => listed.id)).not.toContain(sessionId);
  });
});

async function fetchVisitorId(baseUrl: string, sessionId: string): Promise<string | undefined> {
  const response = await fetch(`${baseUrl}/api/v1/sessions/${sessionId}`, { headers: { Authorization: `Bearer ${inject('adminToken')}` } });
  return ((await response.json()) as { visitorId?: string }).visitorId;
}
