import { describe, expect, it } from 'vitest';
import type { LiveSessionSummary } from '../api/live-hub-contract';
import type { Comment } from '../api/types';
import { makeSession } from '../test/fake-server';
import {
  applyComment,
  applySessionPush,
  endedRowsKeptMs,
  mergeLiveRows,
  rowFromSession,
  visibleLiveRows,
  type LiveSessionRow,
} from './live-cache';

const summary = (id: string, overrides: Partial<LiveSessionSummary> = {}): LiveSessionSummary => ({
  id,
  projectId: 'shop',
  visitorId: null,
  tabId: null,
  userAgent: null,
  currentUrl: 'https://shop.example.com/',
  startedAt: '2026-11-21T10:00:00Z',
  lastActivityAt: '2026-11-21T10:00:00Z',
  endedAt: null,
  status: 'active',
  eventCount: 1,
  durationMs: 0,
  viewerCount: 0,
  ...overrides,
});
const row = (id: string, receivedAt: number, overrides: Partial<LiveSessionRow> = {}): LiveSessionRow => ({
  ...summary(id),
  receivedAt,
  endedSeenAt: null,
  ...overrides,
});

describe('applySessionPush', () => {
  it('adds a started session, newest first', () => {
    const rows = applySessionPush([row('old', 1)], 'started', summary('new', { startedAt: '2026-11-21T10:05:00Z' }), 10);
    expect(rows.map((r) => r.id)).toEqual(['new', 'old']);
  });

  it('replaces a session with its update', () => {
    const rows = applySessionPush([row('a', 1)], 'updated', summary('a', { currentUrl: 'https://shop.example.com/pay', viewerCount: 2 }), 10);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ currentUrl: 'https://shop.example.com/pay', viewerCount: 2, receivedAt: 10, status: 'active' });
  });

  it('marks an ended session with when the end was seen, and drops long-ended rows', () => {
    let rows = applySessionPush([row('a', 1), row('b', 1)], 'ended', summary('a'), 100);
    expect(rows.find((r) => r.id === 'a')).toMatchObject({ status: 'ended', endedSeenAt: 100 });
    rows = applySessionPush(rows, 'updated', summary('b'), 100 + endedRowsKeptMs);
    expect(rows.map((r) => r.id)).toEqual(['b']);
  });
});

describe('mergeLiveRows', () => {
  it('keeps rows pushed while the list was fetched, and drops older ones the server no longer lists', () => {
    const server = [row('a', 50, { viewerCount: 0, eventCount: 5 })];
    const cached = [row('a', 10, { viewerCount: 3 }), row('pushed', 60), row('stale', 10)];
    const merged = mergeLiveRows(server, cached, 50);
    expect(merged.map((r) => r.id).sort()).toEqual(['a', 'pushed']);
    expect(merged.find((r) => r.id === 'a')).toMatchObject({ eventCount: 5, viewerCount: 3 });
  });
});

describe('visibleLiveRows', () => {
  it('shows ended rows only for a while', () => {
    const rows = [row('a', 0), row('b', 0, { status: 'ended', endedSeenAt: 1000 })];
    expect(visibleLiveRows(rows, 5999, 5000).map((r) => r.id)).toEqual(['a', 'b']);
    expect(visibleLiveRows(rows, 6000, 5000).map((r) => r.id)).toEqual(['a']);
  });
});

describe('rowFromSession', () => {
  it('takes the last visited page as the current URL', () => {
    const session = makeSession({ status: 'active', pages: ['https://a.test/', 'https://a.test/b'] });
    expect(rowFromSession(session, 5)).toMatchObject({ currentUrl: 'https://a.test/b', status: 'active', viewerCount: 0 });
  });
});

describe('applyComment', () => {
  const comment = (id: string, at: number): Comment => ({ id, sessionId: 's', author: 'a', text: id, at, createdAt: '2026-11-21T10:00:00Z' });
  it('adds once, ordered by at', () => {
    const list = applyComment(applyComment([comment('late', 20)], comment('early', 10)), comment('early', 10));
    expect(list.map((c) => c.id)).toEqual(['early', 'late']);
  });
});
