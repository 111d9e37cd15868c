import { createAlertsApi, type AlertsApi } from './alerts-api';
import { sessionSignalsDecoder, type SessionSignals } from './signal-decoders';
import { createHttp, type Http, type HttpOptions } from './http';
import {
  authStateDecoder,
  commentDecoder,
  eventsDecoder,
  projectDecoder,
  sessionDecoder,
  sessionPageDecoder,
  type AuthState,
  type Comment,
  type Credentials,
  type NewComment,
  type NewProject,
  type Project,
  type ProjectChanges,
  type RecordedEvent,
  type Session,
  type SessionFilters,
  type SessionPage,
} from './types';
import { array } from './decode';
import { personDecoder, visitorDecoder, type Person, type Visitor } from './visitor-types';

const V1 = '/api/v1';
const segment = (value: string): string => encodeURIComponent(value);

/** The one typed client for the SessionKit HTTP API (docs/api.md). */
export interface SessionKitApi extends AlertsApi {
  getAuthState(): Promise<AuthState>;
  setup(credentials: Credentials): Promise<void>;
  /** Rejects with UnauthorizedError on a wrong name or password (without signing anyone out). */
  login(credentials: Credentials): Promise<void>;
  logout(): Promise<void>;
  listProjects(): Promise<Project[]>;
  createProject(project: NewProject): Promise<Project>;
  updateProject(id: string, changes: ProjectChanges): Promise<Project>;
  listSessions(
    projectId: string,
    filters: SessionFilters,
    page?: { cursor?: string | null; limit?: number },
    signal?: AbortSignal,
  ): Promise<SessionPage>;
  getSession(id: string, signal?: AbortSignal): Promise<Session>;
  getSessionEvents(id: string, signal?: AbortSignal): Promise<RecordedEvent[]>;
  /** Comments of a session, ordered by `at`. */
  listComments(sessionId: string, signal?: AbortSignal): Promise<Comment[]>;
  addComment(sessionId: string, comment: NewComment): Promise<Comment>;
  /** A device visitor with its sessions and journeys (docs/api.md, "Visitors and persons"). */
  getVisitor(projectId: string, visitorId: string, signal?: AbortSignal): Promise<Visitor>;
  getPerson(projectId: string, userId: string, signal?: AbortSignal): Promise<Person>;
  /** A session's frustration signals, explained, with its score (docs/signals.md). */
  getSessionSignals(sessionId: string, signal?: AbortSignal): Promise<SessionSignals>;
}

export function createSessionKitApi(http: Http): SessionKitApi {
  return {
    ...createAlertsApi(http),
    getAuthState: () => http.request(`${V1}/auth/state`, authStateDecoder, { ownUnauthorized: true }),
    setup: (credentials) =>
      http.send(`${V1}/auth/setup`, { method: 'POST', body: credentials, ownUnauthorized: true }),
    login: (credentials) =>
      http.send(`${V1}/auth/login`, { method: 'POST', body: credentials, ownUnauthorized: true }),
    logout: () => http.send(`${V1}/auth/logout`, { method: 'POST', ownUnauthorized: true }),

    listProjects: () => http.request(`${V1}/projects`, array(projectDecoder)),
    createProject: (project) =>
      http.request(`${V1}/projects`, projectDecoder, { method: 'POST', body: project }),
    updateProject: (id, changes) =>
      http.request(`${V1}/projects/${segment(id)}`, projectDecoder, { method: 'PATCH', body: changes }),

    listSessions: (projectId, filters, page = {}, signal) =>
      http.request(`${V1}/projects/${segment(projectId)}/sessions`, sessionPageDecoder, {
        query: {
          from: filters.from,
          to: filters.to,
          url: filters.url?.trim(),
          minDurationMs: filters.minDurationMs,
          userId: filters.userId?.trim(),
          trait: filters.trait?.trim(),
          minScore: filters.minScore,
          signal: filters.signal,
          sort: filters.sort,
          limit: page.limit,
          cursor: page.cursor ?? undefined,
        },
        signal,
      }),
    getSession: (id, signal) => http.request(`${V1}/sessions/${segment(id)}`, sessionDecoder, { signal }),
    getSessionEvents: (id, signal) =>
      http.request(`${V1}/sessions/${segment(id)}/events`, eventsDecoder, { signal }),
    listComments: (sessionId, signal) =>
      http.request(`${V1}/sessions/${segment(sessionId)}/comments`, array(commentDecoder), { signal }),
    getSessionSignals: (sessionId, signal) =>
      http.request(`${V1}/sessions/${segment(sessionId)}/signals`, sessionSignalsDecoder, { signal }),
    addComment: (sessionId, comment) =>
      http.request(`${V1}/sessions/${segment(sessionId)}/comments`, commentDecoder, {
        method: 'POST',
        body: { text: comment.text, at: comment.at },
      }),
    getVisitor: (projectId, visitorId, signal) =>
      http.request(`${V1}/visitors/${segment(visitorId)}`, visitorDecoder, { query: { projectId }, signal }),
    getPerson: (projectId, userId, signal) =>
      http.request(`${V1}/persons/${segment(userId)}`, personDecoder, { query: { projectId }, signal }),
  };
}

export function createDefaultApi(options: HttpOptions = {}): SessionKitApi {
  return createSessionKitApi(createHttp(options));
}
