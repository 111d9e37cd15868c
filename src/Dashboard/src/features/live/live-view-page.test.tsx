import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { RecordedEvent, SessionComment } from '../../api/live-hub-contract';
import type { Session } from '../../api/types';
import { FakeHubConnection } from '../../test/fake-hub';
import { fakeFetch, json, makeSession, route } from '../../test/fake-server';
import { renderWithApp } from '../../test/render';
import type { LiveReplayerFactory } from './live-replayer';
import LiveViewPage from './live-view-page';

interface FakeReplayer {
  started: number | null;
  events: RecordedEvent[];
  destroyed: boolean;
}

/** Like rrweb's Replayer: creates its (sandboxed) iframe in the root when constructed. */
function fakeReplayers(sandbox: string | null = 'allow-same-origin') {
  const made: FakeReplayer[] = [];
  const factory: LiveReplayerFactory = (root) => {
    const record: FakeReplayer = { started: null, events: [], destroyed: false };
    made.push(record);
    const wrapper = document.createElement('div');
    const iframe = document.createElement('iframe');
    if (sandbox !== null) iframe.setAttribute('sandbox', sandbox);
    wrapper.appendChild(iframe);
    root.appendChild(wrapper);
    return {
      startLive: (time) => (record.started = time),
      addEvent: (event) => record.events.push(event),
      destroy: () => {
        record.destroyed = true;
        wrapper.remove();
      },
    };
  };
  return { made, factory };
}

const meta = (ts: number, href = 'https://shop.example.com/cart'): RecordedEvent => ({ type: 4, timestamp: ts, data: { href, width: 1280, height: 720 } });
const full = (ts: number): RecordedEvent => ({ type: 2, timestamp: ts, data: { node: {} } });
const inc = (ts: number): RecordedEvent => ({ type: 3, timestamp: ts, data: { source: 1 } });

/** The live view, and a way to leave it while the app (and its live connection) stays. */
function Harness(props: { factory: LiveReplayerFactory }) {
  const [open, setOpen] = useState(true);
  return (
    <>
      {open && <LiveViewPage sessionId="live-1" createReplayer={props.factory} />}
      <button type="button" onClick={() => setOpen(false)}>
        Leave
      </button>
    </>
  );
}

function setup(options: { sandbox?: string | null; comments?: SessionComment[]; session?: Partial<Session> } = {}) {
  const hub = new FakeHubConnection();
  const replayers = fakeReplayers(options.sandbox);
  const session = makeSession({ id: 'live-1', projectId: 'shop', status: 'active', ...options.session });
  const server = fakeFetch(
    route('GET', '/api/v1/sessions/live-1', () => json(session)),
    route('GET', '/api/v1/sessions/live-1/comments', () => json(options.comments ?? [])),
    route('POST', '/api/v1/sessions/live-1/comments', (request) => {
      const body = request.body as { text: string; at: number };
      return json({ id: 'c-new', sessionId: 'live-1', author: 'admin', createdAt: '2026-11-21T10:00:00Z', ...body }, 201);
    }),
  );
  const view = renderWithApp(<Harness factory={replayers.factory} />, { fetch: server.fetch, hub });
  return { hub, replayers, server, view };
}

const watched = async (hub: FakeHubConnection, times = 1) =>
  waitFor(() => expect(hub.calls('WatchSession')).toHaveLength(times));

describe('LiveViewPage', () => {
  it('waits for the visitor page, then plays the stream into the live root', async () => {
    const { hub, replayers } = setup();
    await watched(hub);
    expect(hub.calls('WatchSession')[0]).toEqual(['live-1']);
    await waitFor(() => expect(screen.getByTestId('live-status').textContent).toContain('connected'));

    act(() => hub.push('SessionEvents', 'live-1', { seq: 4, events: [] }));
    expect(screen.getByTestId('live-waiting').textContent).toContain("Waiting for the visitor's page");
    expect(replayers.made).toHaveLength(0);

    const now = Date.now();
    act(() => hub.push('SessionEvents', 'live-1', { seq: 5, events: [meta(now - 5_000), full(now - 5_000)] }));
    act(() => hub.push('SessionEvents', 'other-session', { seq: 1, events: [inc(now)] }));
    act(() => hub.push('SessionEvents', 'live-1', { seq: 6, events: [inc(now - 4_000)] }));

    expect(replayers.made).toHaveLength(1);
    expect(replayers.made[0]!.events.map((e) => e.type)).toEqual([4, 2, 3]);
    expect(replayers.made[0]!.started).not.toBeNull();
    expect(screen.queryByTestId('live-waiting')).toBeNull();
    expect(screen.getByTestId('live-root').querySelector('iframe')?.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(screen.getByTestId('live-url').textContent).toBe('https://shop.example.com/cart');
    expect(screen.getByTestId('live-status').textContent).toBe('connected · streaming');
  });

  it('shows the delivery lag of the last batch, and separately how long the visitor has been idle', async () => {
    const { hub } = setup();
    await watched(hub);
    const lag = () => screen.getByTestId('live-lag').textContent;
    const idle = () => screen.queryByTestId('live-idle')?.textContent ?? null;
    const now = Date.now();
    // The catch-up of a visitor idle for 20 s says nothing about delivery.
    act(() => hub.push('SessionEvents', 'live-1', { seq: 5, events: [meta(now - 20_000), full(now - 20_000)] }));
    expect(lag()).toBe('lag —');
    expect(idle()).toMatch(/^idle 2\d s$/);

    act(() => hub.push('SessionEvents', 'live-1', { seq: 6, events: [inc(Date.now() - 120)] }));
    const measured = Number(/^lag (\d+) ms$/.exec(lag() ?? '')?.[1]);
    expect(measured).toBeGreaterThanOrEqual(120);
    expect(measured).toBeLessThan(1_000);
    expect(idle()).toBeNull();

    // 12 s later, with only heartbeats: the lag stays what was measured, idle counts up.
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 12_000);
    act(() => hub.push('SessionEvents', 'live-1', { seq: 7, events: [] }));
    await waitFor(() => expect(idle()).toBe('idle 12 s'), { timeout: 3_000 });
    expect(lag()).toBe(`lag ${measured} ms`);
  });

  it('shows the viewer count the watch answer carries, before any ViewersChanged', async () => {
    const { hub } = setup();
    hub.answers.set('WatchSession', (sessionId) => ({ sessionId, projectId: 'shop', status: 'streaming', viewerCount: 3 }));
    expect(screen.getByTestId('live-viewers').textContent).toBe('— viewers');
    await watched(hub);
    await waitFor(() => expect(screen.getByTestId('live-viewers').textContent).toBe('3 viewers'));
    act(() => hub.push('ViewersChanged', 'live-1', 2));
    expect(screen.getByTestId('live-viewers').textContent).toBe('2 viewers');
  });

  it('keeps a viewer count pushed while WatchSession was pending over the older count its answer carries', async () => {
    const { hub } = setup();
    const viewers = () => screen.getByTestId('live-viewers').textContent;
    let answer!: (result: unknown) => void;
    hub.answers.set('WatchSession', () => new Promise((resolve) => (answer = resolve)));
    await watched(hub);
    act(() => hub.push('ViewersChanged', 'live-1', 2));
    expect(viewers()).toBe('2 viewers');
    await act(async () => answer({ sessionId: 'live-1', projectId: 'shop', status: 'streaming', viewerCount: 1 }));
    expect(screen.getByTestId('live-status').textContent).toBe('connected · streaming');
    expect(viewers()).toBe('2 viewers');

    // A later watch (a resync) without a push first takes its answer's count again.
    hub.answers.set('WatchSession', (sessionId) => ({ sessionId, projectId: 'shop', status: 'streaming', viewerCount: 3 }));
    const ts = Date.now();
    act(() => hub.push('SessionEvents', 'live-1', { seq: 1, events: [meta(ts), full(ts)] }));
    act(() => hub.push('SessionEvents', 'live-1', { seq: 3, events: [inc(ts + 1)] }));
    await watched(hub, 2);
    await waitFor(() => expect(viewers()).toBe('3 viewers'));
  });

  it('resyncs on a seq gap: destroys the replayer and calls WatchSession again', async () => {
    const { hub, replayers } = setup();
    await watched(hub);
    const ts = Date.now();
    act(() => hub.push('SessionEvents', 'live-1', { seq: 1, events: [meta(ts), full(ts)] }));
    act(() => hub.push('SessionEvents', 'live-1', { seq: 3, events: [inc(ts + 1)] }));

    await watched(hub, 2);
    expect(replayers.made[0]!.destroyed).toBe(true);
    expect(replayers.made[0]!.events).toHaveLength(2);
    expect(screen.getByTestId('live-waiting')).toBeTruthy();

    act(() => hub.push('SessionEvents', 'live-1', { seq: 3, events: [meta(ts), full(ts), inc(ts + 1)] }));
    expect(replayers.made).toHaveLength(2);
    expect(replayers.made[1]!.events).toHaveLength(3);
  });

  it('resyncs after the connection comes back', async () => {
    const { hub, replayers } = setup();
    await watched(hub);
    const ts = Date.now();
    act(() => hub.push('SessionEvents', 'live-1', { seq: 1, events: [meta(ts), full(ts)] }));

    act(() => hub.dropConnection());
    expect(screen.getByTestId('live-status').textContent).toContain('reconnecting');
    act(() => hub.restoreConnection());
    await watched(hub, 2);
    expect(replayers.made[0]!.destroyed).toBe(true);

    act(() => hub.push('SessionEvents', 'live-1', { seq: 9, events: [meta(ts + 10), full(ts + 10)] }));
    expect(replayers.made).toHaveLength(2);
    expect(screen.getByTestId('live-status').textContent).toContain('connected');
  });

  it('shows viewers and consent, and unwatches on unmount', async () => {
    const { hub } = setup();
    hub.answers.set('WatchSession', (sessionId) => ({ sessionId, projectId: 'shop', status: 'awaiting-consent', viewerCount: 1 }));
    await watched(hub);
    await waitFor(() => expect(screen.getByTestId('live-status').textContent).toContain('awaiting-consent'));
    expect(screen.getByTestId('live-consent')).toBeTruthy();
    expect(screen.getByTestId('live-viewers').textContent).toBe('1 viewer');

    act(() => hub.push('ViewersChanged', 'live-1', 2));
    expect(screen.getByTestId('live-viewers').textContent).toBe('2 viewers');
    act(() => hub.push('ConsentChanged', 'live-1', 'consent-denied'));
    expect(screen.getByTestId('live-status').textContent).toContain('consent-denied');
    expect(screen.getByTestId('live-consent').textContent).toContain('did not agree');

    fireEvent.click(screen.getByRole('button', { name: 'Leave' }));
    expect(hub.calls('UnwatchSession')).toEqual([['live-1']]);
    expect(screen.queryByTestId('live-root')).toBeNull();
  });

  it('removes a replay frame that allows scripts', async () => {
    const { hub, replayers } = setup({ sandbox: 'allow-same-origin allow-scripts' });
    await watched(hub);
    const ts = Date.now();
    act(() => hub.push('SessionEvents', 'live-1', { seq: 1, events: [meta(ts), full(ts)] }));
    expect(await screen.findByTestId('live-blocked')).toBeTruthy();
    expect(screen.getByTestId('live-root').querySelector('iframe')).toBeNull();
    expect(replayers.made[0]!.destroyed).toBe(true);
    expect(replayers.made[0]!.events).toHaveLength(0);
  });

  it('pins a comment to the newest event and shows comments pushed by other viewers', async () => {
    const { hub, server } = setup();
    await watched(hub);
    const ts = Date.now() - 300;
    act(() => hub.push('SessionEvents', 'live-1', { seq: 1, events: [meta(ts - 100), full(ts - 100), inc(ts)] }));

    fireEvent.change(screen.getByTestId('comment-input'), { target: { value: 'Stuck on the coupon field' } });
    fireEvent.click(screen.getByTestId('comment-submit'));
    await waitFor(() => expect(screen.getAllByTestId('comment-item')).toHaveLength(1));
    expect(server.calls.find((c) => c.method === 'POST')?.body).toEqual({ text: 'Stuck on the coupon field', at: ts });

    act(() =>
      hub.push('CommentAdded', { id: 'c-2', sessionId: 'live-1', author: 'bob', text: 'Seen it too', at: ts + 5, createdAt: '2026-11-21T10:00:01Z' }),
    );
    await waitFor(() => expect(screen.getAllByTestId('comment-item')).toHaveLength(2));
    expect(screen.getAllByTestId('comment-item')[1]!.textContent).toContain('Seen it too');
  });

  it('times comments from the first event the server reports, or from the session start without one', async () => {
    const startedAt = '2026-11-21T10:00:00.000Z';
    const comment = (at: number): SessionComment => ({ id: 'c-1', sessionId: 'live-1', author: 'bob', text: 'Look', at, createdAt: startedAt });
    const firstEventAt = Date.parse(startedAt) + 60_000;

    const withFirst = setup({ session: { startedAt, firstEventAt }, comments: [comment(firstEventAt + 7_000)] });
    await waitFor(() => expect(screen.getByTestId('comment-item').querySelector('.comment__time')?.textContent).toBe('0:07'));
    withFirst.view.unmount();

    setup({ session: { startedAt, firstEventAt: null }, comments: [comment(firstEventAt + 7_000)] });
    await waitFor(() => expect(screen.getByTestId('comment-item').querySelector('.comment__time')?.textContent).toBe('1:07'));
  });
});
