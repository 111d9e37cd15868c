import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, makeSession, route } from '../test/fake-server';
import { FakeHubConnection } from '../test/fake-hub';
import { renderWithApp } from '../test/render';
import { App } from './app';

vi.mock('rrweb-player', () => ({
  default: class {
    $destroy() {}
    $set() {}
    triggerResize() {}
    goto() {}
    getReplayer() {
      return { destroy() {}, getCurrentTime: () => 0 };
    }
  },
}));

describe('Route prefetch', () => {
  it('requests a replay’s session and events while the sign-in check is still waiting', async () => {
    window.location.hash = '#/sessions/s-1';
    let answerAuth: () => void = () => {};
    const authAnswered = new Promise<void>((resolve) => (answerAuth = resolve));
    const { fetch, calls } = fakeFetch(
      route('GET', '/api/v1/sessions/s-1', () => json(makeSession({ id: 's-1' }))),
      route('GET', '/api/v1/sessions/s-1/events', () => json([])),
    );
    const slowFetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/api/v1/auth/state')) {
        await authAnswered;
        return json({ setupRequired: false, authenticated: true, userName: 'admin' });
      }
      return fetch(input, init);
    });
    renderWithApp(<App />, { fetch: slowFetch as unknown as typeof globalThis.fetch, hub: new FakeHubConnection(), liveProvider: false });

    await waitFor(() => {
      const paths = calls.map((c) => c.url.pathname);
      expect(paths).toContain('/api/v1/sessions/s-1');
      expect(paths).toContain('/api/v1/sessions/s-1/events');
    });

    answerAuth();
    expect(await screen.findByText(/no full snapshot|nothing to replay|snapshot/i)).toBeTruthy();
    // The page found its data in the cache: each was asked for once.
    expect(calls.filter((c) => c.url.pathname === '/api/v1/sessions/s-1/events')).toHaveLength(1);
  });
});
