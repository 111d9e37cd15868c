import { createContext, useContext } from 'react';
import type { SessionKitApi } from '../api/sessionkit-api';

export const ApiContext = createContext<SessionKitApi | null>(null);

export function useApi(): SessionKitApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <AppProviders> above it');
  return api;
}
