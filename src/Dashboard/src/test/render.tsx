import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { AppProviders } from '../app/app-providers';
import { createAppServices } from '../app/services';
import { defaultConfig, type DashboardConfig } from '../lib/config';

/** Renders with the real providers, the real API client, and a fake fetch. */
export function renderWithApp(ui: ReactElement, options: { fetch: typeof fetch; config?: Partial<DashboardConfig> }) {
  const services = createAppServices({ fetch: options.fetch });
  const config: DashboardConfig = {
    ...defaultConfig(),
    origin: 'https://sessionkit.example.com',
    sessionsRefetchMs: 60_000,
    ...options.config,
  };
  const result = render(
    <AppProviders services={services} config={config}>
      {ui}
    </AppProviders>,
  );
  return { ...result, services };
}
