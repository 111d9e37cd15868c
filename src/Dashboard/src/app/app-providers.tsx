import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiContext } from '../hooks/use-api';
import { HubFactoryContext } from '../hooks/use-live-connection';
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
        <HubFactoryContext.Provider value={props.services.hubFactory ?? null}>
          <QueryClientProvider client={props.services.queryClient}>{props.children}</QueryClientProvider>
        </HubFactoryContext.Provider>
      </ApiContext.Provider>
    </ConfigContext.Provider>
  );
}
