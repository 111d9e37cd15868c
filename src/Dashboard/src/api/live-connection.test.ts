import { describe, expect, it, vi } from 'vitest';
import { FakeHubConnection } from '../test/fake-hub';
import { LiveConnection } from './live-connection';
import type { LiveSessionSummary } from './live-hub-contract';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function connect(options: ConstructorParameters<typeof LiveConnection>[1] = {}) {
  const hub = new FakeHubConnection();
  const connection = new LiveConnection(hub, { retryDelaysMs: [0], ...options });
  return { hub, connection };
}

const summary: LiveSessionSummary = {
  id: 's-1',
  projectId: 'shop',
  visitorId: null,
  tabId: null,
  userAgent: null,
  currentUrl: 'https://shop.example.com/',
  startedAt: '2026-11-21T10:00:00Z',
  lastActivityAt: '2026-11-21T10:00:05Z',
  endedAt: null,
  status: 'active',
  eventCount: 12,
  durationMs: 5000,
  viewerCount: 1,
};

describe('LiveConnection', () => {
  it('goes from connecting to connected and issues watches registered before that', async () => {
    const { hub, connection } = connect();
    const states: string[] = [];
    connection.subscribeState(() => states.push(connection.getState()));
    const watched = vi.fn();
    connection.watchSession('s-1', { onWatched: watched });
    expect(hub.invocations).toEqual([]);

    connection.start();
    await flush();

    expect(states).toEqual(['connecting', 'connected']);
    expect(hub.calls('WatchSession')).toEqual([['s-1']]);
    expect(watched).toHaveBeenCalledWith({ sessionId: 's-1', projectId: 'default', status: 'streaming', viewerCount: 1 });
  });

  it('re-issues every active watch after a reconnect, and only those', async () => {
    const { hub, connection } = connect();
    connection.start();
    await flush();
    const before = vi.fn();
    const projectWatched = vi.fn();
    connection.watchSession('s-1', { onBeforeWatch: before });
    connection.watchProject('shop', { onWatched: projectWatched });
    connection.watchSession('s-2', {}).release();
    await flush();
    expect(hub.calls('WatchSession')).toEqual([['s-1'], ['s-2']]);
    expect(hub.calls('UnwatchSession')).toEqual([['s-2']]);
    expect(before).toHaveBeenCalledTimes(1);
    expect(projectWatched).toHaveBeenLastCalledWith({ rewatch: false });

    hub.dropConnection();
    expect(connection.getState()).toBe('reconnecting');
    hub.restoreConnection();
    await flush();

    expect(connection.getState()).toBe('connected');
    expect(hub.calls('WatchSession')).toEqual([['s-1'], ['s-2'], ['s-1']]);
    expect(hub.calls('WatchProject')).toEqual([['shop'], ['shop']]);
    expect(before).toHaveBeenCalledTimes(2);
    expect(projectWatched).toHaveBeenLastCalledWith({ rewatch: true });
  });

  it('unwatches when the last listener releases, and resyncs on demand', async () => {
    const { hub, connection } = connect();
    connection.start();
    await flush();
    const first = connection.watchSession('s-1', {});
    const second = connection.watchSession('s-1', {});
    first.release();
    expect(hub.calls('UnwatchSession')).toEqual([]);
    second.resync();
    await flush();
    expect(hub.calls('WatchSession')).toHaveLength(3);
    second.release();
    expect(hub.calls('UnwatchSession')).toEqual([['s-1']]);

    const project = connection.watchProject('shop', {});
    project.release();
    expect(hub.calls('UnwatchProject')).toEqual([['shop']]);
  });

  it('listens for a session\'s comments apart from watching it, and re-listens after a reconnect', async () => {
    const { hub, connection } = connect();
    connection.start();
    await flush();
    const watched = vi.fn();
    const comments = connection.watchComments('s-1', { onWatched: watched });
    await flush();
    expect(hub.calls('WatchComments')).toEqual([['s-1']]);
    expect(hub.calls('WatchSession')).toEqual([]);
    expect(watched).toHaveBeenLastCalledWith({ rewatch: false });

    hub.dropConnection();
    hub.restoreConnection();
    await flush();
    expect(hub.calls('WatchComments')).toHaveLength(2);
    expect(watched).toHaveBeenLastCalledWith({ rewatch: true });

    comments.release();
    expect(hub.calls('UnwatchComments')).toEqual([['s-1']]);
  });

  it('reports a refused watch to its listener', async () => {
    const { hub, connection } = connect();
    hub.answers.set('WatchSession', () => {
      throw new Error('HubException: not allowed');
    });
    connection.start();
    await flush();
    const onError = vi.fn();
    connection.watchSession('s-1', { onError });
    await flush();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'HubException: not allowed' }));
  });

  it('delivers decoded pushes to typed handlers and drops malformed ones', () => {
    const logger = { warn: vi.fn() };
    const { hub, connection } = connect({ logger });
    const started = vi.fn();
    const off = connection.on('SessionStarted', started);

    hub.push('SessionStarted', summary);
    hub.pushRaw('SessionStarted', { ...summary, eventCount: 'many' });
    hub.pushRaw('ViewersChanged', 's-1');

    expect(started).toHaveBeenCalledTimes(1);
    expect(started).toHaveBeenCalledWith(summary);
    expect(logger.warn).toHaveBeenCalledTimes(2);
    off();
    hub.push('SessionStarted', summary);
    expect(started).toHaveBeenCalledTimes(1);
  });

  it('reports a watch answer without viewerCount as a payload error', async () => {
    const { hub, connection } = connect();
    hub.answers.set('WatchSession', (sessionId) => ({ sessionId, projectId: 'shop', status: 'streaming' }));
    connection.start();
    await flush();
    const onWatched = vi.fn();
    const onError = vi.fn();
    connection.watchSession('s-1', { onWatched, onError });
    await flush();
    expect(onWatched).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('$.viewerCount') as unknown }));
  });

  it('keeps trying to start, then issues watches, and stops for good on stop()', async () => {
    const { hub, connection } = connect();
    hub.failNextStart = new Error('offline');
    connection.watchProject('shop', {});
    connection.start();
    await flush();
    await flush();
    expect(hub.starts).toBe(2);
    expect(connection.getState()).toBe('connected');
    expect(hub.calls('WatchProject')).toEqual([['shop']]);

    await connection.stop();
    expect(connection.getState()).toBe('disconnected');
    await flush();
    expect(hub.starts).toBe(2);
  });

  it('survives stop() followed at once by start() (React StrictMode remounts the provider)', async () => {
    const { hub, connection } = connect();
    connection.watchProject('shop', {});
    connection.start();
    void connection.stop();
    connection.start();
    for (let i = 0; i < 5; i++) await flush();

    expect(connection.getState()).toBe('connected');
    expect(hub.stops).toBe(1);
    expect(hub.starts).toBe(2);
    expect(hub.calls('WatchProject')).toEqual([['shop']]);
  });
});
