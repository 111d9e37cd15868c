import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, makeProject, route } from '../../test/fake-server';
import { renderWithApp } from '../../test/render';
import { AlertsPage } from './alerts-page';
import { describeRule } from './rules-panel';

const projects = route('GET', '/api/v1/projects', () => json([makeProject({ id: 'shop', name: 'Shop' })]));
const hook = { id: 'w1', projectId: 'shop', name: 'Team chat', url: 'https://hooks.example.com/1', format: 'slack', secret: 'abc123', createdAt: '2026-11-21T10:00:00Z' };
const rule = {
  id: 'r1', projectId: 'shop', name: 'Checkout rage', signalType: 'rage_click', urlContains: '/checkout', minScore: null,
  webhookIds: ['w1'], enabled: true, createdAt: '2026-11-21T10:00:00Z',
};

describe('AlertsPage', () => {
  it('lists rules and webhooks, creates both, and shows a webhook\'s delivery log', async () => {
    const { fetch, calls } = fakeFetch(
      projects,
      route('GET', '/api/v1/projects/shop/webhooks', () => json([hook])),
      route('GET', '/api/v1/projects/shop/alert-rules', () => json([rule])),
      route('POST', '/api/v1/projects/shop/webhooks', (request) => json({ ...hook, id: 'w2', ...(request.body as object) }, 201)),
      route('POST', '/api/v1/projects/shop/alert-rules', (request) => json({ ...rule, id: 'r2', minScore: null, ...(request.body as object) }, 201)),
      route('GET', '/api/v1/projects/shop/webhooks/w1/deliveries', () =>
        json([
          { id: 'd2', ruleId: 'r1', sessionId: 's-1', attempt: 2, outcome: 'delivered', responseStatus: 204, error: null, attemptedAt: '2026-11-21T10:00:03Z' },
          { id: 'd1', ruleId: 'r1', sessionId: 's-1', attempt: 1, outcome: 'retrying', responseStatus: 500, error: 'Internal Server Error', attemptedAt: '2026-11-21T10:00:01Z' },
        ]),
      ),
    );
    renderWithApp(<AlertsPage projectId="shop" />, { fetch });

    const listed = await screen.findByTestId('alert-rule');
    expect(listed.textContent).toContain('Checkout rage: Rage click on /checkout');
    expect(listed.textContent).toContain('→ Team chat');

    fireEvent.change(screen.getByTestId('rule-name'), { target: { value: 'Angry' } });
    fireEvent.change(screen.getByTestId('rule-min-score'), { target: { value: '70' } });
    fireEvent.click(screen.getByTestId('rule-webhook'));
    fireEvent.click(screen.getByTestId('rule-create'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST' && c.url.pathname.endsWith('/alert-rules'))?.body).toEqual({ name: 'Angry', minScore: 70, webhookIds: ['w1'] }));

    fireEvent.change(screen.getByTestId('webhook-name'), { target: { value: 'Ops' } });
    fireEvent.change(screen.getByTestId('webhook-url'), { target: { value: 'https://hooks.example.com/ops' } });
    fireEvent.change(screen.getByTestId('webhook-format'), { target: { value: 'discord' } });
    fireEvent.click(screen.getByTestId('webhook-create'));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST' && c.url.pathname.endsWith('/webhooks'))?.body).toEqual({ name: 'Ops', url: 'https://hooks.example.com/ops', format: 'discord' }),
    );

    fireEvent.click(screen.getByTestId('webhook-deliveries'));
    const log = await screen.findByTestId('delivery-log');
    expect((await within(log).findAllByTestId('delivery-row')).map((row) => row.textContent)).toEqual([
      expect.stringContaining('2delivered (204)'),
      expect.stringContaining('1retrying (500) Internal Server Error'),
    ]);
  });

  it('describes rules in words', () => {
    expect(describeRule({ signalType: 'error_click', urlContains: null, minScore: null })).toBe('Error click');
    expect(describeRule({ signalType: null, urlContains: null, minScore: 70 })).toBe('score above 70');
    expect(describeRule({ signalType: 'rage_click', urlContains: '/pay', minScore: 30 })).toBe('Rage click on /pay, score above 30');
  });
});
