import type { QueryClient } from '@tanstack/react-query';
import type { LiveConnection } from '../api/live-connection';
import type { LiveSessionSummary, SignalRaisedMessage } from '../api/live-hub-contract';
import type { Comment, Session } from '../api/types';
import { queryKeys } from './query-keys';

/**
 * Live pushes are written into the TanStack Query cache (never a second store), so every
 * component reading a query sees them. The functions here are pure; the writer wires them
 * to the hub.
 */

/** A row of the live sessions list: the hub's summary plus when this tab learnt of it. */
export interface LiveSessionRow extends LiveSessionSummary {
  /** Client time (ms) this row was last written. */
  readonly receivedAt: number;
  /** Client time (ms) the end was seen, so the list can keep it a few seconds. */
  readonly endedSeenAt: number | null;
}

export type SessionPushKind = 'started' | 'updated' | 'ended';

/** Ended rows are dropped from the cache this long after the end was seen. */
export const endedRowsKeptMs = 60_000;

const byNewest = (a: LiveSessionRow, b: LiveSessionRow) => Date.parse(b.startedAt) - Date.parse(a.startedAt);

export function rowFromSession(session: Session, receivedAt: number): LiveSessionRow {
  return {
    id: session.id,
    projectId: session.projectId,
    visitorId: session.visitorId,
    tabId: session.tabId,
    userAgent: session.userAgent,
    currentUrl: session.pages.at(-1) ?? session.firstUrl,
    startedAt: session.startedAt,
    lastActivityAt: session.lastActivityAt ?? session.startedAt,
    endedAt: session.endedAt,
    status: session.status === 'ended' ? 'ended' : 'active',
    eventCount: session.eventCount,
    durationMs: session.durationMs,
    viewerCount: 0,
    receivedAt,
    endedSeenAt: session.status === 'ended' ? receivedAt : null,
  };
}

/** Applies one SessionStarted / SessionUpdated / SessionEnded push to the cached list. */
export function applySessionPush(
  rows: readonly LiveSessionRow[] | undefined,
  kind: SessionPushKind,
  summary: LiveSessionSummary,
  now: number,
): LiveSessionRow[] {
  const ended = kind === 'ended' || summary.status === 'ended';
  const previous = rows?.find((row) => row.id === summary.id);
  const next: LiveSessionRow = {
    ...summary,
    status: ended ? 'ended' : 'active',
    receivedAt: now,
    endedSeenAt: ended ? (previous?.endedSeenAt ?? now) : null,
  };
  const others = (rows ?? []).filter(
    (row) => row.id !== summary.id && (row.endedSeenAt === null || now - row.endedSeenAt < endedRowsKeptMs),
  );
  return [...others, next].sort(byNewest);
}

/**
 * Joins a fresh server list with what pushes wrote while it was being fetched: a row pushed
 * after the fetch began is newer than the server's copy; an older row the server no longer
 * lists as active is dropped (its end was missed, e.g. while disconnected).
 */
export function mergeLiveRows(
  server: readonly LiveSessionRow[],
  cached: readonly LiveSessionRow[] | undefined,
  fetchStartedAt: number,
): LiveSessionRow[] {
  const merged = new Map(server.map((row) => [row.id, row]));
  for (const row of cached ?? []) {
    const fromServer = merged.get(row.id);
    if (row.receivedAt >= fetchStartedAt) merged.set(row.id, row);
    else if (fromServer) merged.set(row.id, { ...fromServer, viewerCount: row.viewerCount });
  }
  return [...merged.values()].sort(byNewest);
}

/** Rows the live list shows: active ones, and ended ones for `keepEndedMs` after their end. */
export function visibleLiveRows(rows: readonly LiveSessionRow[], now: number, keepEndedMs: number): LiveSessionRow[] {
  return rows.filter((row) => row.status === 'active' || (row.endedSeenAt !== null && now - row.endedSeenAt < keepEndedMs));
}

/** Adds a comment to a cached list (once, ordered by `at`). */
export function applyComment(comments: readonly Comment[] | undefined, comment: Comment): Comment[] {
  const others = (comments ?? []).filter((c) => c.id !== comment.id);
  return [...others, comment].sort((a, b) => a.at - b.at);
}

/** Signals kept for the live page: the newest ones are the ones an agent can still act on. */
export const liveSignalsKept = 20;

/** Adds a pushed signal to the project's list, newest first, once, bounded. */
export function applySignalPush(list: readonly SignalRaisedMessage[] | undefined, message: SignalRaisedMessage): SignalRaisedMessage[] {
  const others = (list ?? []).filter((m) => m.sessionId !== message.sessionId || m.signal.index !== message.signal.index);
  return [message, ...others].slice(0, liveSignalsKept);
}

/** Subscribes the cache to the hub's data pushes; returns the unsubscribe function. */
export function connectLiveCacheWriters(
  connection: LiveConnection,
  queryClient: QueryClient,
  now: () => number = Date.now,
): () => void {
  const session = (kind: SessionPushKind) => (summary: LiveSessionSummary) =>
    queryClient.setQueryData<LiveSessionRow[]>(queryKeys.liveSessions(summary.projectId), (rows) =>
      applySessionPush(rows, kind, summary, now()),
    );
  const offs = [
    connection.on('SessionStarted', session('started')),
    connection.on('SessionUpdated', session('updated')),
    connection.on('SessionEnded', session('ended')),
    connection.on('CommentAdded', (comment) =>
      queryClient.setQueryData<Comment[]>(queryKeys.comments(comment.sessionId), (list) => applyComment(list, comment)),
    ),
    connection.on('SignalRaised', (message) =>
      queryClient.setQueryData<SignalRaisedMessage[]>(queryKeys.liveSignals(message.projectId), (list) => applySignalPush(list, message)),
    ),
  ];
  return () => offs.forEach((off) => off());
}
