import type { SessionFilters } from '../api/types';

export const queryKeys = {
  authState: ['auth', 'state'] as const,
  projects: ['projects'] as const,
  sessions: (projectId: string, filters: SessionFilters) => ['sessions', projectId, filters] as const,
  sessionsOf: (projectId: string) => ['sessions', projectId] as const,
  session: (id: string) => ['session', id] as const,
  sessionEvents: (id: string) => ['session', id, 'events'] as const,
  comments: (sessionId: string) => ['session', sessionId, 'comments'] as const,
  signals: (sessionId: string) => ['session', sessionId, 'signals'] as const,
  webhooks: (projectId: string) => ['alerts', projectId, 'webhooks'] as const,
  alertRules: (projectId: string) => ['alerts', projectId, 'rules'] as const,
  deliveries: (projectId: string, webhookId: string) => ['alerts', projectId, 'deliveries', webhookId] as const,
  /** Active sessions of a project, kept current by the live hub's pushes. */
  liveSessions: (projectId: string) => ['live', projectId, 'sessions'] as const,
  visitor: (projectId: string, visitorId: string) => ['visitor', projectId, visitorId] as const,
  person: (projectId: string, userId: string) => ['person', projectId, userId] as const,
  /** Signals raised in a project's sessions since the page opened, newest first (SignalRaised pushes). */
  liveSignals: (projectId: string) => ['live', projectId, 'signals'] as const,
};
