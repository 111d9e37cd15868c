import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiContext } from '../hooks/use-api';
import { ConfigContext, type DashboardConfig } from '../lib/config';
import type { AppServices } from './services';

export function AppProviders(props: {
  services: AppServices;
  config?: DashboardConfig;
  children: ReactNode;
}) {
  return (
    <ConfigContext.Provider value={props.config ?? null}>
      <ApiContext.Provider value={props.services.api}>
        <QueryClientProvider client={props.services.queryClient}>{props.children}</QueryClientProvider>
      </ApiContext.Provider>
    </ConfigContext.Provider>
  );
}
