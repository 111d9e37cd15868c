import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, makeProject, makeSession, problem, route } from '../test/fake-server';
import { FakeHubConnection } from '../test/fake-hub';
import { renderWithApp } from '../test/render';
import { App } from './app';

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('App authentication', () => {
  it('asks for an administrator when setup is required, and validates the form', async () => {
    let setupDone = false;
    const { fetch, calls } = fakeFetch(
      route('GET', '/api/v1/auth/state', () =>
        json({ setupRequired: !setupDone, authenticated: setupDone, userName: setupDone ? 'root' : null }),
      ),
      route('POST', '/api/v1/auth/setup', () => {
        setupDone = true;
        return new Response(null, { status: 201 });
      }),
      route('GET', '/api/v1/projects', () => json([makeProject({ id: 'default' })])),
      route('GET', '/api/v1/projects/default/sessions', () => json({ items: [], nextCursor: null })),
    );
    renderWithApp(<App />, { fetch, hub: new FakeHubConnection(), liveProvider: false });

    expect(await screen.findByText('Create the administrator')).toBeTruthy();
    type('User name', 'root');
    type('Password (at least 8 characters)', 'short');
    type('Confirm password', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Create administrator' }));
    expect(screen.getByRole('alert').textContent).toContain('at least 8 characters');

    type('Password (at least 8 characters)', 'long enough');
    type('Confirm password', 'long enougH');
    fireEvent.click(screen.getByRole('button', { name: 'Create administrator' }));
    expect(screen.getByRole('alert').textContent).toContain('do not match');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    type('Confirm password', 'long enough');
    fireEvent.click(screen.getByRole('button', { name: 'Create administrator' }));

    expect(await screen.findByTestId('sessions-empty')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ userName: 'root', password: 'long enough' });
  });

  it('sends the user to the login page when a call answers 401, then resumes after signing in', async () => {
    let session = true;
    const { fetch } = fakeFetch(
      route('GET', '/api/v1/auth/state', () => json({ setupRequired: false, authenticated: session, userName: 'admin' })),
      route('POST', '/api/v1/auth/login', (request) => {
        const body = request.body as { password: string };
        if (body.password !== 'correct horse') return problem(401, 'Unauthorized');
        session = true;
        return new Response(null, { status: 204 });
      }),
      () => (session ? undefined : problem(401, 'Unauthorized')),
      route('GET', '/api/v1/projects', () => json([makeProject({ id: 'default' })])),
      route('GET', '/api/v1/projects/default/sessions', () => json({ items: [makeSession()], nextCursor: null })),
    );
    const { services } = renderWithApp(<App />, { fetch, hub: new FakeHubConnection(), liveProvider: false });
    await screen.findAllByTestId('session-row');

    session = false; // the cookie expires
    await services.queryClient.invalidateQueries({ queryKey: ['sessions'] });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();

    type('User name', 'admin');
    type('Password', 'wrong password');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong user name or password.');

    type('Password', 'correct horse');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findAllByTestId('session-row')).toHaveLength(1);
  });

  it('logs out', async () => {
    let session = true;
    const { fetch, calls } = fakeFetch(
      route('GET', '/api/v1/auth/state', () => json({ setupRequired: false, authenticated: session, userName: 'admin' })),
      route('POST', '/api/v1/auth/logout', () => {
        session = false;
        return new Response(null, { status: 204 });
      }),
      route('GET', '/api/v1/projects', () => json([])),
    );
    renderWithApp(<App />, { fetch, hub: new FakeHubConnection(), liveProvider: false });
    fireEvent.click(await screen.findByTestId('logout'));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/v1/auth/logout')).toBe(true));
  });
});
