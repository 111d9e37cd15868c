import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, makeSession, problem, route } from '../../test/fake-server';
import { FakeHubConnection } from '../../test/fake-hub';
import { renderWithApp } from '../../test/render';
import ReplayPage from './replay-page';

// A stand-in for rrweb-player: records what it was given and creates an iframe with the
// sandbox the test chooses, like the real Replayer does in its constructor.
const fakePlayer = vi.hoisted(() => ({
  sandbox: 'allow-same-origin' as string | null,
  instances: [] as Array<{ props: Record<string, unknown>; destroyed: boolean }>,
  /** Offsets passed to goto(), and the offset getCurrentTime() answers. */
  gotos: [] as number[],
  currentTime: 0,
}));

vi.mock('rrweb-player', () => ({
  default: class {
    private readonly record: { props: Record<string, unknown>; destroyed: boolean };
    constructor(options: { target: HTMLElement; props: Record<string, unknown> }) {
      this.record = { props: options.props, destroyed: false };
      fakePlayer.instances.push(this.record);
      const iframe = document.createElement('iframe');
      if (fakePlayer.sandbox !== null) iframe.setAttribute('sandbox', fakePlayer.sandbox);
      options.target.appendChild(iframe);
    }
    $destroy() {
      this.record.destroyed = true;
    }
    $set() {}
    triggerResize() {}
    goto(offset: number) {
      fakePlayer.gotos.push(offset);
      fakePlayer.currentTime = offset;
    }
    getReplayer() {
      return { destroy() {}, getCurrentTime: () => fakePlayer.currentTime };
    }
  },
}));

const recording = [
  { type: 3, timestamp: 1_700_000_000_900, data: { source: 1 } },
  { type: 4, timestamp: 1_700_000_000_000, data: { href: 'https://shop.example.com/', width: 1280, height: 720 } },
  { type: 2, timestamp: 1_700_000_000_000, data: { node: {} } },
  { type: 3, timestamp: 1_700_000_000_500, data: { source: 2 } },
];

function serve(id: string, events: unknown[], session = makeSession({ id }), comments: unknown[] = []) {
  return fakeFetch(
    route('GET', `/api/v1/sessions/${id}`, () => json(session)),
    route('GET', `/api/v1/sessions/${id}/events`, () => json(events)),
    route('GET', `/api/v1/sessions/${id}/comments`, () => json(comments)),
    route('POST', `/api/v1/sessions/${id}/comments`, (request) =>
      json({ id: 'c-posted', sessionId: id, author: 'admin', createdAt: '2026-11-21T10:00:00Z', ...(request.body as object) }, 201),
    ),
  );
}

beforeEach(() => {
  fakePlayer.sandbox = 'allow-same-origin';
  fakePlayer.instances.length = 0;
  fakePlayer.gotos.length = 0;
  fakePlayer.currentTime = 0;
});

describe('ReplayPage', () => {
  it('replays the events sorted by timestamp inside the player container', async () => {
    const session = makeSession({ id: 'replay-sorted', pages: ['https://shop.example.com/', 'https://shop.example.com/pay'] });
    renderWithApp(<ReplayPage sessionId="replay-sorted" />, { fetch: serve('replay-sorted', recording, session).fetch, hub: new FakeHubConnection() });

    const root = await screen.findByTestId('replay-root');
    await waitFor(() => expect(fakePlayer.instances.length).toBeGreaterThan(0));
    const props = fakePlayer.instances.at(-1)!.props;
    const events = props.events as Array<{ type: number; timestamp: number }>;
    expect(events.map((e) => e.type)).toEqual([4, 2, 3, 3]);
    expect(events.map((e) => e.timestamp)).toEqual([...events.map((e) => e.timestamp)].sort((a, b) => a - b));
    expect(props.UNSAFE_replayCanvas).toBe(false);
    expect(root.querySelector('iframe')?.getAttribute('sandbox')).toBe('allow-same-origin');

    expect(screen.getByTestId('meta-events').textContent).toContain('1,830');
    expect(screen.getByTestId('meta-pages').querySelectorAll('li')).toHaveLength(2);
  });

  it('removes a replay frame that allows scripts and shows an error instead', async () => {
    fakePlayer.sandbox = 'allow-same-origin allow-scripts';
    renderWithApp(<ReplayPage sessionId="replay-unsafe" />, { fetch: serve('replay-unsafe', recording).fetch, hub: new FakeHubConnection() });

    expect((await screen.findByTestId('replay-blocked')).textContent).toContain('allowed scripts');
    expect(document.querySelector('iframe')).toBeNull();
    expect(fakePlayer.instances.every((instance) => instance.destroyed)).toBe(true);
  });

  it('removes a replay frame without any sandbox', async () => {
    fakePlayer.sandbox = null;
    renderWithApp(<ReplayPage sessionId="replay-bare" />, { fetch: serve('replay-bare', recording).fetch, hub: new FakeHubConnection() });
    expect(await screen.findByTestId('replay-blocked')).toBeTruthy();
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('explains a session without a full snapshot instead of starting the player', async () => {
    const noSnapshot = recording.filter((event) => event.type !== 2);
    renderWithApp(<ReplayPage sessionId="replay-partial" />, { fetch: serve('replay-partial', noSnapshot).fetch, hub: new FakeHubConnection() });

    expect((await screen.findByTestId('replay-unavailable')).textContent).toContain('no full page snapshot');
    expect(fakePlayer.instances).toHaveLength(0);
    expect(await screen.findByTestId('session-meta')).toBeTruthy();
  });

  it('says so when the session does not exist', async () => {
    const { fetch } = fakeFetch(route('GET', /\/api\/v1\/sessions\//, () => problem(404, 'Not found')));
    renderWithApp(<ReplayPage sessionId="missing-one" />, { fetch, hub: new FakeHubConnection() });
    expect(await screen.findByTestId('replay-not-found')).toBeTruthy();
  });
});

describe('ReplayPage comments', () => {
  // The recording spans 900 ms from its first event.
  const first = 1_700_000_000_000;
  const comment = (id: string, offset: number, text = id) => ({
    id,
    sessionId: 'replay-notes',
    author: 'alice',
    text,
    at: first + offset,
    createdAt: '2026-11-21T10:00:00Z',
  });

  it('puts a marker per comment on the timeline and seeks there on click', async () => {
    const comments = [comment('c-start', 0), comment('c-half', 450), comment('c-late', 5_000)];
    renderWithApp(<ReplayPage sessionId="replay-notes" />, { fetch: serve('replay-notes', recording, undefined, comments).fetch, hub: new FakeHubConnection() });

    const markers = await screen.findAllByTestId('comment-marker');
    expect(markers.map((m) => m.dataset.position)).toEqual(['0.0000', '0.5000', '1.0000']);
    expect(markers.map((m) => m.style.left)).toEqual(['0%', '50%', '100%']);
    expect(screen.getAllByTestId('comment-item').map((item) => item.dataset.commentId)).toEqual(['c-start', 'c-half', 'c-late']);

    fireEvent.click(markers[1]!);
    expect(fakePlayer.gotos.at(-1)).toBe(450);
    fireEvent.click(within(screen.getAllByTestId('comment-item')[0]!).getByRole('button', { name: '0:00' }));
    expect(fakePlayer.gotos.at(-1)).toBe(0);
  });

  it('seeks to ?t= on load', async () => {
    renderWithApp(<ReplayPage sessionId="replay-t" t={600} />, { fetch: serve('replay-t', recording).fetch, hub: new FakeHubConnection() });
    await waitFor(() => expect(fakePlayer.gotos).toEqual([600]));
  });

  it('pins a new comment to the player time, as an absolute timestamp', async () => {
    const server = serve('replay-notes', recording);
    renderWithApp(<ReplayPage sessionId="replay-notes" />, { fetch: server.fetch, hub: new FakeHubConnection() });
    await waitFor(() => expect(fakePlayer.instances.length).toBeGreaterThan(0));
    fakePlayer.currentTime = 321;

    fireEvent.change(await screen.findByTestId('comment-input'), { target: { value: '  Rage click here  ' } });
    fireEvent.click(screen.getByTestId('comment-submit'));

    await waitFor(() => expect(screen.getAllByTestId('comment-item')).toHaveLength(1));
    expect(server.calls.find((c) => c.method === 'POST')?.body).toEqual({ text: 'Rage click here', at: first + 321 });
    expect(screen.getAllByTestId('comment-marker')).toHaveLength(1);
  });

  it('listens for the session\'s comments without watching it live, and shows a pushed one at once', async () => {
    const hub = new FakeHubConnection();
    renderWithApp(<ReplayPage sessionId="replay-notes" />, { fetch: serve('replay-notes', recording).fetch, hub });
    await screen.findByText('No comments yet.');
    await waitFor(() => expect(hub.calls('WatchComments')).toEqual([['replay-notes']]));
    expect(hub.calls('WatchSession')).toEqual([]);

    act(() => hub.push('CommentAdded', comment('c-pushed', 100, 'From Bob')));
    await waitFor(() => expect(screen.getAllByTestId('comment-item')).toHaveLength(1));
    expect(screen.getByTestId('comment-item').textContent).toContain('From Bob');
    expect(screen.getAllByTestId('comment-marker')).toHaveLength(1);
  });

  it('fetches the comments again after the live connection comes back', async () => {
    const hub = new FakeHubConnection();
    const server = serve('replay-notes', recording);
    renderWithApp(<ReplayPage sessionId="replay-notes" />, { fetch: server.fetch, hub });
    await screen.findByText('No comments yet.');
    await waitFor(() => expect(hub.calls('WatchComments')).toHaveLength(1));
    const fetchesBefore = server.calls.filter((c) => c.method === 'GET' && c.url.pathname.endsWith('/comments')).length;

    act(() => hub.dropConnection());
    act(() => hub.restoreConnection());
    await waitFor(() => expect(hub.calls('WatchComments')).toHaveLength(2));
    await waitFor(() =>
      expect(server.calls.filter((c) => c.method === 'GET' && c.url.pathname.endsWith('/comments')).length).toBeGreaterThan(fetchesBefore),
    );
  });
});
