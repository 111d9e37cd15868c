// The TypeScript side of the live hub contract (server: src/Api/Live/ILiveClient.cs and LiveHub.cs),
// all of it in this one file: payloads, method names, and each call's arguments and answer.
// Keep the two in step: method names here are the only place the dashboard spells them.

/** An rrweb event as recorded; the dashboard treats it as opaque data. */
export interface RecordedEvent {
  type: number;
  timestamp: number;
  [key: string]: unknown;
}

export interface LiveBatch {
  /** Server arrival number of the last ingest batch included; consecutive messages are consecutive. */
  seq: number;
  events: RecordedEvent[];
}

export type WatchStatus = 'streaming' | 'awaiting-consent' | 'consent-denied';

export interface WatchSessionResult {
  sessionId: string;
  projectId: string;
  status: WatchStatus;
  viewerCount: number;
}

export interface LiveSessionSummary {
  id: string;
  projectId: string;
  visitorId: string | null;
  tabId: string | null;
  userAgent: string | null;
  currentUrl: string | null;
  startedAt: string;
  lastActivityAt: string;
  endedAt: string | null;
  status: 'active' | 'ended';
  eventCount: number;
  durationMs: number;
  viewerCount: number;
}

export interface SessionComment {
  id: string;
  sessionId: string;
  author: string;
  text: string;
  /** The moment commented on, in the recording's event timestamps (Unix ms). */
  at: number;
  createdAt: string;
}

/** A frustration signal (docs/signals.md); `at` is the recording's time (Unix ms). */
export interface Signal {
  index: number;
  type: string;
  at: number;
  url: string | null;
  target: { selector: string; text: string | null } | null;
  evidence: Record<string, unknown>;
  explanation: string;
}

/** A signal just raised in one of a watched project's sessions, with that session's new score. */
export interface SignalRaisedMessage {
  sessionId: string;
  projectId: string;
  score: number;
  signal: Signal;
}

/** Hub path on the server. */
export const liveHubPath = '/hubs/live';

/** Methods the dashboard invokes on the server. */
export const liveServerMethods = {
  watchSession: 'WatchSession',
  unwatchSession: 'UnwatchSession',
  watchComments: 'WatchComments',
  unwatchComments: 'UnwatchComments',
  watchProject: 'WatchProject',
  unwatchProject: 'UnwatchProject',
} as const;

/** Methods the dashboard invokes on the hub, with their arguments and answers (docs/api.md). */
export interface LiveServerCalls {
  [liveServerMethods.watchSession]: { args: [sessionId: string]; result: WatchSessionResult };
  [liveServerMethods.unwatchSession]: { args: [sessionId: string]; result: void };
  /** CommentAdded pushes for a session without watching it (a replay): not counted as a viewer. */
  [liveServerMethods.watchComments]: { args: [sessionId: string]; result: void };
  [liveServerMethods.unwatchComments]: { args: [sessionId: string]; result: void };
  [liveServerMethods.watchProject]: { args: [projectId: string]; result: void };
  [liveServerMethods.unwatchProject]: { args: [projectId: string]; result: void };
}
export type LiveServerMethodName = keyof LiveServerCalls;

/** Methods the server invokes on the dashboard, with their argument tuples. */
export interface LiveClientMethods {
  SessionEvents: [sessionId: string, batch: LiveBatch];
  SessionStarted: [session: LiveSessionSummary];
  SessionUpdated: [session: LiveSessionSummary];
  SessionEnded: [session: LiveSessionSummary];
  ViewersChanged: [sessionId: string, viewerCount: number];
  ConsentChanged: [sessionId: string, status: WatchStatus];
  CommentAdded: [comment: SessionComment];
  /** To WatchProject listeners. */
  SignalRaised: [message: SignalRaisedMessage];
}

export type LiveClientMethodName = keyof LiveClientMethods;
