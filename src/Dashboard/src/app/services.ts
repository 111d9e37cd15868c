import type { QueryClient } from '@tanstack/react-query';
import type { HubConnectionFactory } from '../api/live-connection-types';
import { createDefaultApi, type SessionKitApi } from '../api/sessionkit-api';
import type { AuthState } from '../api/types';
import { queryKeys } from '../hooks/query-keys';
import { createQueryClient } from '../lib/query-client';

export interface AppServices {
  readonly api: SessionKitApi;
  readonly queryClient: QueryClient;
  /** Builds the live hub connection; unset means the real @microsoft/signalr one. */
  readonly hubFactory?: HubConnectionFactory;
}

export const signedOut: AuthState = { setupRequired: false, authenticated: false, userName: null };

/**
 * Wires the API client to the query cache: any 401 marks the user signed out, which the
 * auth gate turns into the login page (the current URL is kept, so signing in resumes there).
 */
export function createAppServices(options: { fetch?: typeof fetch; hubFactory?: HubConnectionFactory } = {}): AppServices {
  const queryClient = createQueryClient();
  const api = createDefaultApi({
    fetch: options.fetch,
    onUnauthorized: () => {
      const current = queryClient.getQueryData<AuthState>(queryKeys.authState);
      if (current?.authenticated !== false) queryClient.setQueryData(queryKeys.authState, signedOut);
    },
  });
  return { api, queryClient, hubFactory: options.hubFactory };
}
