import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { AppProviders } from '../app/app-providers';
import { LiveConnectionProvider } from '../app/live-connection-provider';
import { createAppServices } from '../app/services';
import { defaultConfig, type DashboardConfig } from '../lib/config';
import { fakeHubFactory, type FakeHubConnection } from './fake-hub';

/**
 * Renders with the real providers, the real API client, and a fake fetch. With `hub`, the
 * page also gets the live connection provider, talking to that fake hub connection.
 */
export function renderWithApp(
  ui: ReactElement,
  options: {
    fetch: typeof fetch;
    config?: Partial<DashboardConfig>;
    hub?: FakeHubConnection;
    /** Wrap `ui` in the live connection provider (default: when `hub` is given; <App> has its own). */
    liveProvider?: boolean;
  },
) {
  const services = createAppServices({
    fetch: options.fetch,
    hubFactory: options.hub ? fakeHubFactory(options.hub) : undefined,
  });
  const config: DashboardConfig = {
    ...defaultConfig(),
    origin: 'https://sessionkit.example.com',
    sessionsRefetchMs: 60_000,
    ...options.config,
  };
  const result = render(
    <AppProviders services={services} config={config}>
      {(options.liveProvider ?? options.hub !== undefined) ? <LiveConnectionProvider>{ui}</LiveConnectionProvider> : ui}
    </AppProviders>,
  );
  return { ...result, services };
}
