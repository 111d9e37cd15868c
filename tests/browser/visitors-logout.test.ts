import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { eventually } from './support/api';
import { useChromium } from './support/browser';
import { newVisitorContext } from './support/demo-shop';
import { flush, identify, identityApi, ids, openTab, reset } from './support/visitors';

const newUser = (name: string) => `${name}-${randomBytes(6).toString('hex')}`;

describe('Logout across tabs', () => {
  const chromium = useChromium();
  const baseUrl = () => inject('baseUrl');
  const persons = () => identityApi(baseUrl(), inject('adminToken'));

  it('a reset in one tab makes the other open tab of the device a new visitor too', async () => {
    const [alice, bob] = [newUser('alice'), newUser('bob')];
    const { context } = await newVisitorContext(chromium());
    try {
      const first = await openTab(context, baseUrl());
      const second = await openTab(context, baseUrl());
      await identify(first.page, alice);
      await flush(second.page);

      await reset(first.page);
      const sessionIn = (tab: typeof first) => tab.page.evaluate(() => window.SessionKit?.getSessionId?.() ?? null);
      // The other tab hears of the logout through the visitor key's storage event, not on its next load.
      const secondAfter = await eventually('the other tab to start a new session', async () => {
        const id = await sessionIn(second);
        return id && id !== second.sessionId ? id : undefined;
      });
      const firstAfter = await sessionIn(first);
      await identify(second.page, bob);
      await flush(first.page);

      const [a, b] = await eventually('both persons with their sessions', async () => {
        const [a, b] = await Promise.all([persons().person(alice), persons().person(bob)]);
        return a && b && (a.sessions as unknown[]).length === 2 && (b.sessions as unknown[]).length === 2 ? [a, b] : undefined;
      });
      expect(ids(a.sessions)).toEqual([first.sessionId, second.sessionId].sort());
      expect(firstAfter).not.toBe(first.sessionId);
      expect(ids(b.sessions)).toEqual([String(firstAfter), secondAfter].sort());
      expect(ids(b.devices, 'visitorId')).not.toEqual(ids(a.devices, 'visitorId'));
    } finally {
      await context.close();
    }
  });
});
