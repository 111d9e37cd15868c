import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LiveSessionSummary } from '../../api/live-hub-contract';
import type { LiveSessionRow } from '../../hooks/live-cache';
import { queryKeys } from '../../hooks/query-keys';
import { FakeHubConnection } from '../../test/fake-hub';
import { fakeFetch, json, makeProject, makeSession, route } from '../../test/fake-server';
import { renderWithApp } from '../../test/render';
import { LiveSessionsPage } from './live-sessions-page';

const projects = route('GET', '/api/v1/projects', () => json([makeProject({ id: 'shop', name: 'Shop' })]));

const summaryOf = (id: string, overrides: Partial<LiveSessionSummary> = {}): LiveSessionSummary => ({
  id,
  projectId: 'shop',
  visitorId: 'v-1',
  tabId: 't-1',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  currentUrl: 'https://shop.example.com/',
  startedAt: new Date().toISOString(),
  lastActivityAt: new Date().toISOString(),
  endedAt: null,
  status: 'active',
  eventCount: 10,
  durationMs: 1000,
  viewerCount: 0,
  ...overrides,
});

function setup(sessions = [makeSession({ projectId: 'shop', status: 'active' })]) {
  const hub = new FakeHubConnection();
  const { fetch } = fakeFetch(projects, route('GET', '/api/v1/projects/shop/sessions', () => json({ items: sessions, nextCursor: null })));
  const rendered = renderWithApp(<LiveSessionsPage projectId="shop" />, { fetch, hub, config: { liveEndedVisibleMs: 200 } });
  return { hub, ...rendered };
}

const ids = () => screen.getAllByTestId('live-session-row').map((row) => row.dataset.sessionId);

describe('LiveSessionsPage', () => {
  it('lists only active sessions, newest first, and watches the project', async () => {
    const newer = makeSession({ projectId: 'shop', status: 'active', startedAt: '2026-11-21T10:05:00Z' });
    const ended = makeSession({ projectId: 'shop', status: 'ended', startedAt: '2026-11-21T10:04:00Z' });
    const older = makeSession({ projectId: 'shop', status: 'active', startedAt: '2026-11-21T10:00:00Z' });
    const { hub } = setup([older, ended, newer]);

    await waitFor(() => expect(ids()).toEqual([newer.id, older.id]));
    await waitFor(() => expect(hub.calls('WatchProject')).toEqual([['shop']]));
    expect(within(screen.getAllByTestId('live-session-row')[0]!).getByTestId('live-current-url').textContent).toBe('shop.example.com/pay');
  });

  it('shows the empty state when nobody is on the site', async () => {
    setup([makeSession({ projectId: 'shop', status: 'ended' })]);
    expect(await screen.findByTestId('live-empty')).toBeTruthy();
  });

  it('applies pushes to the query cache: started, updated, ended (then removed)', async () => {
    const existing = makeSession({ projectId: 'shop', status: 'active', startedAt: '2026-11-21T10:00:00Z' });
    const { hub, services } = setup([existing]);
    await waitFor(() => expect(ids()).toEqual([existing.id]));

    act(() => hub.push('SessionStarted', summaryOf('s-new')));
    const cached = () => services.queryClient.getQueryData<LiveSessionRow[]>(queryKeys.liveSessions('shop')) ?? [];
    expect(cached().map((r) => r.id)).toEqual(['s-new', existing.id]);
    await waitFor(() => expect(ids()).toEqual(['s-new', existing.id]));

    act(() => hub.push('SessionUpdated', summaryOf('s-new', { currentUrl: 'https://shop.example.com/checkout', viewerCount: 2, eventCount: 345 })));
    expect(cached()[0]).toMatchObject({ viewerCount: 2, eventCount: 345 });
    const row = within(screen.getAllByTestId('live-session-row')[0]!);
    await waitFor(() => expect(row.getByTestId('live-current-url').textContent).toBe('shop.example.com/checkout'));
    expect(row.getByTestId('live-row-viewers').textContent).toBe('2');
    expect(row.getByTestId('live-row-events').textContent).toBe('345');
    expect(row.getByText('iOS 17.1 · mobile')).toBeTruthy();

    act(() => hub.push('SessionEnded', summaryOf('s-new', { status: 'ended', endedAt: new Date().toISOString() })));
    expect(cached()[0]).toMatchObject({ status: 'ended' });
    await waitFor(() => expect(within(screen.getAllByTestId('live-session-row')[0]!).getByText('ended')).toBeTruthy());
    await waitFor(() => expect(ids()).toEqual([existing.id]), { timeout: 3000 });
  });

  it('shows signals as they are raised, with "Watch live" on a struggling session that is still active', async () => {
    const active = makeSession({ projectId: 'shop', status: 'active' });
    const { hub } = setup([active]);
    await screen.findAllByTestId('live-session-row');
    const signal = {
      index: 0,
      type: 'rage_click',
      at: 1_700_000_000_000,
      url: 'https://shop.example.com/pay',
      target: { selector: 'button#pay', text: 'Pay now' },
      evidence: { count: 3 },
      explanation: "3 clicks within 420 ms on 'Pay now'",
    };

    act(() => hub.push('SignalRaised', { sessionId: active.id, projectId: 'shop', score: 35, signal }));
    act(() => hub.push('SignalRaised', { sessionId: 'gone', projectId: 'shop', score: 10, signal: { ...signal, type: 'dead_click', explanation: 'dead' } }));

    const items = await screen.findAllByTestId('struggling-item');
    expect(items).toHaveLength(2);
    expect(items[1]!.textContent).toContain("Rage click: 3 clicks within 420 ms on 'Pay now'");
    expect(within(items[1]!).getByTestId('struggling-watch').getAttribute('href')).toBe(`#/live/${active.id}`);
    expect(within(items[0]!).queryByTestId('struggling-watch')).toBeNull();
  });

  it('opens the live view from "Watch live"', async () => {
    const session = makeSession({ projectId: 'shop', status: 'active' });
    setup([session]);
    fireEvent.click(await screen.findByTestId('watch-live'));
    expect(window.location.hash).toBe(`#/live/${session.id}`);
  });

  it('reloads the list after the project is watched again (pushes may have been missed)', async () => {
    const hub = new FakeHubConnection();
    const missed = makeSession({ projectId: 'shop', status: 'active' });
    let answers = 0;
    const { fetch, calls } = fakeFetch(
      projects,
      route('GET', '/api/v1/projects/shop/sessions', () => json({ items: answers++ === 0 ? [] : [missed], nextCursor: null })),
    );
    renderWithApp(<LiveSessionsPage projectId="shop" />, { fetch, hub });
    await screen.findByTestId('live-empty');
    await waitFor(() => expect(hub.calls('WatchProject')).toHaveLength(1));

    // The session started while the connection was down: no SessionStarted ever arrives.
    act(() => hub.dropConnection());
    act(() => hub.restoreConnection());
    await waitFor(() => expect(ids()).toEqual([missed.id]));
    expect(hub.calls('WatchProject')).toHaveLength(2);
    expect(calls.filter((c) => c.url.pathname === '/api/v1/projects/shop/sessions')).toHaveLength(2);
  });
});
