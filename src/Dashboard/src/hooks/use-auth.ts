import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuthState, Credentials } from '../api/types';
import { queryKeys } from './query-keys';
import { useApi } from './use-api';

export function useAuthState() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.authState,
    queryFn: () => api.getAuthState(),
    staleTime: 60_000,
  });
}

/** After signing in, everything that failed with 401 is fetched again. */
function useSignedIn() {
  const queryClient = useQueryClient();
  return (userName: string) => {
    const state: AuthState = { setupRequired: false, authenticated: true, userName };
    queryClient.setQueryData(queryKeys.authState, state);
    void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
  };
}

export function useLogin() {
  const api = useApi();
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (credentials: Credentials) => api.login(credentials),
    onSuccess: (_, credentials) => signedIn(credentials.userName),
  });
}

export function useSetup() {
  const api = useApi();
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (credentials: Credentials) => api.setup(credentials),
    onSuccess: (_, credentials) => signedIn(credentials.userName),
  });
}

export function useLogout() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.logout(),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
      const state: AuthState = { setupRequired: false, authenticated: false, userName: null };
      queryClient.setQueryData(queryKeys.authState, state);
    },
  });
}
