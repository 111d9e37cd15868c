import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, makeProject, problem, route, type FakeRequest } from '../../test/fake-server';
import { renderWithApp } from '../../test/render';
import { ProjectsPage } from './projects-page';

describe('ProjectsPage', () => {
  it('shows each project with its key and an install snippet built from the server origin', async () => {
    const project = makeProject({ id: 'shop', name: 'Shop', ingestKey: 'pk_live_abc' });
    const { fetch } = fakeFetch(route('GET', '/api/v1/projects', () => json([project])));
    renderWithApp(<ProjectsPage />, { fetch, config: { origin: 'https://rec.example.com' } });

    const card = await screen.findByTestId('project-card');
    expect(within(card).getByTestId('ingest-key').textContent).toBe('pk_live_abc');
    expect(within(card).getByTestId('install-snippet').textContent).toBe(
      '<script src="https://rec.example.com/sdk/sessionkit.js"></script>\n' +
        '<script>SessionKit.init({ endpoint: "https://rec.example.com", projectKey: "pk_live_abc" });</script>',
    );
  });

  it('saves edited allowed origins with PATCH', async () => {
    let patched: FakeRequest | undefined;
    let project = makeProject({ id: 'shop', allowedOrigins: ['https://a.test'] });
    const { fetch } = fakeFetch(
      route('GET', '/api/v1/projects', () => json([project])),
      route('PATCH', '/api/v1/projects/shop', (request) => {
        patched = request;
        project = { ...project, ...(request.body as object) };
        return json(project);
      }),
    );
    renderWithApp(<ProjectsPage />, { fetch });

    const box = await screen.findByTestId('allowed-origins');
    fireEvent.change(box, { target: { value: 'https://a.test\nhttps://b.test/' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save origins' }));

    await waitFor(() => expect(patched?.body).toEqual({ allowedOrigins: ['https://a.test', 'https://b.test'] }));
    expect(await screen.findByText('Saved')).toBeTruthy();
  });

  it('switches requireLiveConsent with PATCH and shows what the server saved', async () => {
    const patches: unknown[] = [];
    let project = makeProject({ id: 'shop', requireLiveConsent: false });
    const { fetch } = fakeFetch(
      route('GET', '/api/v1/projects', () => json([project])),
      route('PATCH', '/api/v1/projects/shop', (request) => {
        patches.push(request.body);
        project = { ...project, ...(request.body as object) };
        return json(project);
      }),
    );
    renderWithApp(<ProjectsPage />, { fetch });

    const toggle = (await screen.findByTestId('require-live-consent')) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(within(screen.getByTestId('project-card')).getByLabelText('Ask visitors for consent before anyone watches live')).toBe(toggle);

    fireEvent.click(toggle);
    await waitFor(() => expect(patches).toEqual([{ requireLiveConsent: true }]));
    await waitFor(() => expect(toggle.disabled).toBe(false));
    expect(toggle.checked).toBe(true);

    fireEvent.click(toggle);
    await waitFor(() => expect(patches).toEqual([{ requireLiveConsent: true }, { requireLiveConsent: false }]));
    await waitFor(() => expect(toggle.disabled).toBe(false));
    expect(toggle.checked).toBe(false);
  });

  it('shows the saved setting again when switching requireLiveConsent fails', async () => {
    const project = makeProject({ id: 'shop', requireLiveConsent: true });
    const { fetch } = fakeFetch(
      route('GET', '/api/v1/projects', () => json([project])),
      route('PATCH', '/api/v1/projects/shop', () => problem(500, 'Storage unavailable')),
    );
    renderWithApp(<ProjectsPage />, { fetch });

    const toggle = (await screen.findByTestId('require-live-consent')) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    expect(await screen.findByText(/Could not save: Storage unavailable/)).toBeTruthy();
    expect(toggle.checked).toBe(true);
  });

  it('does not send an invalid origin', async () => {
    const { fetch, calls } = fakeFetch(route('GET', '/api/v1/projects', () => json([makeProject()])));
    renderWithApp(<ProjectsPage />, { fetch });
    fireEvent.change(await screen.findByTestId('allowed-origins'), { target: { value: 'shop.example.com/path' } });
    expect(screen.getByText(/Not an origin: shop\.example\.com\/path/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save origins' }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('creates a project and lists it with its new key', async () => {
    const created = makeProject({ id: 'blog', name: 'Blog', ingestKey: 'pk_blog' });
    let list = [makeProject({ id: 'default', name: 'Default' })];
    const { fetch, calls } = fakeFetch(
      route('GET', '/api/v1/projects', () => json(list)),
      route('POST', '/api/v1/projects', () => {
        list = [...list, created];
        return json(created, 201);
      }),
    );
    renderWithApp(<ProjectsPage />, { fetch });
    await screen.findByTestId('project-card');

    fireEvent.change(screen.getByTestId('new-project-name'), { target: { value: 'Blog' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create project' }));

    await waitFor(() => expect(screen.getAllByTestId('project-card')).toHaveLength(2));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Blog', allowedOrigins: [] });
    expect(screen.getAllByTestId('ingest-key').map((el) => el.textContent)).toContain('pk_blog');
  });

  it('shows the server problem when creating fails', async () => {
    const { fetch } = fakeFetch(
      route('GET', '/api/v1/projects', () => json([])),
      route('POST', '/api/v1/projects', () => problem(400, 'Invalid project', 'Name is too long')),
    );
    renderWithApp(<ProjectsPage />, { fetch });
    fireEvent.change(await screen.findByTestId('new-project-name'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create project' }));
    expect(await screen.findByText('Invalid project: Name is too long')).toBeTruthy();
  });
});
