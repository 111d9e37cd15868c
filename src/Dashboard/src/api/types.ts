import {
  array,
  boolean,
  isoDate,
  isRecord,
  nullable,
  number,
  object,
  PayloadError,
  string,
  type Decoded,
  type Decoder,
} from './decode';

export const authStateDecoder = object({
  setupRequired: boolean,
  authenticated: boolean,
  userName: nullable(string),
});
export type AuthState = Decoded<typeof authStateDecoder>;

export const projectDecoder = object({
  id: string,
  name: string,
  ingestKey: string,
  allowedOrigins: array(string),
  /** Viewers must wait for the visitor's consent before they see anything live. */
  requireLiveConsent: boolean,
  createdAt: isoDate,
  /** Trait names identify never stores (absent from older servers: none). */
  privateTraits: (value: unknown, path: string) => (value === undefined || value === null ? [] : array(string)(value, path)),
});
export type Project = Decoded<typeof projectDecoder>;

export const screenDecoder = object({ width: number, height: number });
export type Screen = Decoded<typeof screenDecoder>;

const pagesDecoder: Decoder<string[]> = (value, path) =>
  value === undefined || value === null ? [] : array(string)(value, path);

export const sessionDecoder = object({
  id: string,
  projectId: string,
  visitorId: nullable(string),
  tabId: nullable(string),
  userAgent: nullable(string),
  referrer: nullable(string),
  screen: nullable(screenDecoder),
  firstUrl: nullable(string),
  pages: pagesDecoder,
  startedAt: isoDate,
  lastActivityAt: nullable(isoDate),
  endedAt: nullable(isoDate),
  status: string,
  durationMs: number,
  eventCount: number,
  byteSize: number,
  /** The first event's timestamp (Unix ms); null (or absent, from older servers) before any event. */
  firstEventAt: nullable(number),
  /** In lists: the frustration score (0-100) and the types of the session's signals; null elsewhere. */
  frustrationScore: nullable(number),
  signalTypes: nullable(array(string)),
});
export type Session = Decoded<typeof sessionDecoder>;

export const sessionPageDecoder = object({
  items: array(sessionDecoder),
  nextCursor: nullable(string),
});
export type SessionPage = Decoded<typeof sessionPageDecoder>;

/**
 * A recorded rrweb event. Only `type` and `timestamp` are checked; the rest is the
 * recorded page's content, passed to the replayer untouched (and never trusted).
 */
export interface RecordedEvent {
  readonly type: number;
  readonly timestamp: number;
  readonly [key: string]: unknown;
}

export const recordedEventDecoder: Decoder<RecordedEvent> = (value, path) => {
  if (!isRecord(value)) throw new PayloadError(path, 'an event object');
  number(value.type, `${path}.type`);
  number(value.timestamp, `${path}.timestamp`);
  return value as RecordedEvent;
};

export const eventsDecoder = array(recordedEventDecoder);

/** A comment pinned to a moment of a session (docs/api.md, "Comments"). */
export const commentDecoder = object({
  id: string,
  sessionId: string,
  author: string,
  text: string,
  /** The moment, in the recording's event timestamps (Unix ms). */
  at: number,
  createdAt: isoDate,
});
export type Comment = Decoded<typeof commentDecoder>;

export interface NewComment {
  readonly text: string;
  /** Unix ms, in the recording's event timestamps. */
  readonly at: number;
}

export interface SessionFilters {
  /** ISO date-time, inclusive lower bound on startedAt. */
  readonly from?: string;
  /** ISO date-time, upper bound on startedAt. */
  readonly to?: string;
  /** Case-insensitive substring of any visited page. */
  readonly url?: string;
  readonly minDurationMs?: number;
  /** Only sessions linked to this person (identify's user id). */
  readonly userId?: string;
  /** `name:value`: only sessions of persons with that trait. */
  readonly trait?: string;
  /** Frustration score at least this (0-100). */
  readonly minScore?: number;
  /** Only sessions with a signal of this type. */
  readonly signal?: string;
  /** Most frustrated first instead of newest first. */
  readonly sort?: 'score';
}

export interface Credentials {
  readonly userName: string;
  readonly password: string;
}

export interface NewProject {
  readonly name: string;
  readonly allowedOrigins: readonly string[];
}

export interface ProjectChanges {
  readonly name?: string;
  readonly allowedOrigins?: readonly string[];
  readonly requireLiveConsent?: boolean;
  readonly privateTraits?: readonly string[];
}
