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
}

export function defaultConfig(): DashboardConfig {
  return {
    origin: typeof window === 'undefined' ? '' : window.location.origin,
    sessionsRefetchMs: 10_000,
    sessionsPageSize: 50,
    defaultProjectId: 'default',
  };
}

export const ConfigContext = createContext<DashboardConfig | null>(null);

export function useConfig(): DashboardConfig {
  return useContext(ConfigContext) ?? defaultConfig();
}
