import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { adminApi, eventually } from './support/api';
import { useChromium } from './support/browser';
import { newVisitorContext, recordingSessionId } from './support/demo-shop';
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
      const visitorId = await eventually('the sessions visitor id', () => fetchVisitorId(left.sessionId));
      expect(await fetchVisitorId(right.sessionId)).toBe(visitorId);
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

    async function fetchVisitorId(sessionId: string): Promise<string | undefined> {
      const response = await fetch(`${baseUrl()}/api/v1/sessions/${sessionId}`, { headers: { Authorization: `Bearer ${inject('adminToken')}` } });
      return ((await response.json()) as { visitorId?: string }).visitorId;
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
