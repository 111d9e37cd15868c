import { createContext, useContext } from 'react';

/** Runtime settings of the dashboard, read through one hook so tests can override them. */
export interface DashboardConfig {
  /** Origin of the SessionKit server, used in install snippets. */
  readonly origin: string;
  /** How often the sessions list refetches so new sessions appear. */
  readonly sessionsRefetchMs: number;
  /** Page size for the sessions list. */
  readonly sessionsPageSize: number;
  /** Project shown when none is selected. */
  readonly defaultProjectId: string;
  /** How far behind the visitor the live view plays, to smooth out batches. */
  readonly liveBufferMs: number;
  /** How long an ended session stays in the live list, marked ended. */
  readonly liveEndedVisibleMs: number;
  /** How often the replay page refetches comments (it does not watch the session). */
  readonly commentsRefetchMs: number;
}

export function defaultConfig(): DashboardConfig {
  return {
    origin: typeof window === 'undefined' ? '' : window.location.origin,
    sessionsRefetchMs: 10_000,
    sessionsPageSize: 50,
    defaultProjectId: 'default',
    liveBufferMs: 500,
    liveEndedVisibleMs: 5_000,
    commentsRefetchMs: 15_000,
  };
}

export const ConfigContext = createContext<DashboardConfig | null>(null);

export function useConfig(): DashboardConfig {
  return useContext(ConfigContext) ?? defaultConfig();
}
