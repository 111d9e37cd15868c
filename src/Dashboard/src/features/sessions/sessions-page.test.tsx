import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, makeProject, makeSession, route } from '../../test/fake-server';
import { renderWithApp } from '../../test/render';
import { SessionsPage } from './sessions-page';

const projects = route('GET', '/api/v1/projects', () =>
  json([makeProject({ id: 'shop', name: 'Shop' }), makeProject({ id: 'default', name: 'Default' })]),
);

describe('SessionsPage', () => {
  it('lists the default project sessions as rows, newest first as served', async () => {
    const newer = makeSession({ startedAt: '2026-11-21T10:05:00Z', durationMs: 42_000, eventCount: 77 });
    const older = makeSession({
      startedAt: '2026-11-21T09:00:00Z',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
      screen: { width: 1280, height: 720 },
      pages: ['https://shop.example.com/'],
      firstUrl: 'https://shop.example.com/',
    });
    const { fetch, calls } = fakeFetch(
      projects,
      route('GET', '/api/v1/projects/default/sessions', () => json({ items: [newer, older], nextCursor: null })),
    );
    renderWithApp(<SessionsPage projectId={null} />, { fetch });

    const rows = await screen.findAllByTestId('session-row');
    expect(rows.map((row) => row.dataset.sessionId)).toEqual([newer.id, older.id]);
    expect(within(rows[0]!).getByText('42s')).toBeTruthy();
    expect(within(rows[0]!).getByText('2 pages')).toBeTruthy();
    expect(within(rows[0]!).getByText('77')).toBeTruthy();
    expect(within(rows[1]!).getByText('Firefox 121')).toBeTruthy();
    expect(within(rows[1]!).getByText('Linux · 1280×720')).toBeTruthy();
    expect(within(rows[1]!).getByText('1 page')).toBeTruthy();
    expect(screen.queryByTestId('sessions-empty')).toBeNull();
    expect(calls.some((c) => c.url.pathname === '/api/v1/projects/shop/sessions')).toBe(false);
  });

  it('shows the empty state when the project has no sessions', async () => {
    const { fetch } = fakeFetch(projects, route('GET', /\/sessions$/, () => json({ items: [], nextCursor: null })));
    renderWithApp(<SessionsPage projectId="shop" />, { fetch });
    expect(await screen.findByTestId('sessions-empty')).toBeTruthy();
    expect(screen.queryAllByTestId('session-row')).toHaveLength(0);
  });

  it('loads the next page with the cursor and appends it', async () => {
    const first = makeSession();
    const second = makeSession();
    const { fetch, calls } = fakeFetch(
      projects,
      route('GET', '/api/v1/projects/shop/sessions', (request) =>
        request.url.searchParams.get('cursor') === 'page-2'
          ? json({ items: [second], nextCursor: null })
          : json({ items: [first], nextCursor: 'page-2' }),
      ),
    );
    renderWithApp(<SessionsPage projectId="shop" />, { fetch });
    await screen.findAllByTestId('session-row');

    fireEvent.click(screen.getByTestId('load-more'));

    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(2));
    expect(screen.getAllByTestId('session-row').map((row) => row.dataset.sessionId)).toEqual([first.id, second.id]);
    expect(screen.queryByTestId('load-more')).toBeNull();
    expect(calls.filter((c) => c.url.searchParams.get('cursor') === 'page-2')).toHaveLength(1);
  });

  it('sends the URL and duration filters to the server', async () => {
    const { fetch, calls } = fakeFetch(projects, route('GET', /\/sessions$/, () => json({ items: [], nextCursor: null })));
    renderWithApp(<SessionsPage projectId="shop" />, { fetch });
    await screen.findByTestId('sessions-empty');

    fireEvent.change(screen.getByTestId('filter-url'), { target: { value: 'checkout' } });
    fireEvent.change(screen.getByTestId('filter-min-duration'), { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('filter-apply'));

    await waitFor(() => {
      const last = calls.filter((c) => c.url.pathname.endsWith('/sessions')).at(-1)!;
      expect(last.url.searchParams.get('url')).toBe('checkout');
      expect(last.url.searchParams.get('minDurationMs')).toBe('30000');
    });
    expect(await screen.findByText('No sessions match these filters')).toBeTruthy();
  });

  it('sends the signal and score filters and the score sort, and shows each session\'s frustration', async () => {
    const angry = makeSession({ id: 'angry', frustrationScore: 75, signalTypes: ['dead_click', 'rage_click'] });
    const { fetch, calls } = fakeFetch(projects, route('GET', /\/sessions$/, () => json({ items: [angry], nextCursor: null })));
    renderWithApp(<SessionsPage projectId="shop" />, { fetch });
    const cell = await screen.findByTestId('session-frustration');
    expect(cell.textContent).toBe('75Dead click, Rage click');

    fireEvent.change(screen.getByTestId('filter-signal'), { target: { value: 'rage_click' } });
    fireEvent.change(screen.getByTestId('filter-min-score'), { target: { value: '70' } });
    fireEvent.change(screen.getByTestId('filter-sort'), { target: { value: 'score' } });
    fireEvent.click(screen.getByTestId('filter-apply'));

    await waitFor(() => {
      const last = calls.filter((c) => c.url.pathname.endsWith('/sessions')).at(-1)!;
      expect(last.url.searchParams.get('signal')).toBe('rage_click');
      expect(last.url.searchParams.get('minScore')).toBe('70');
      expect(last.url.searchParams.get('sort')).toBe('score');
    });
  });

  it('filters by user id and trait, and links the person', async () => {
    const { fetch, calls } = fakeFetch(projects, route('GET', /\/sessions$/, () => json({ items: [], nextCursor: null })));
    renderWithApp(<SessionsPage projectId="shop" />, { fetch });
    await screen.findByTestId('sessions-empty');

    fireEvent.change(screen.getByTestId('filter-user'), { target: { value: 'ada' } });
    fireEvent.change(screen.getByTestId('filter-trait'), { target: { value: 'plan:pro' } });
    fireEvent.click(screen.getByTestId('filter-apply'));

    await waitFor(() => {
      const last = calls.filter((c) => c.url.pathname.endsWith('/sessions')).at(-1)!;
      expect(last.url.searchParams.get('userId')).toBe('ada');
      expect(last.url.searchParams.get('trait')).toBe('plan:pro');
    });
    expect((await screen.findByTestId('open-person')).getAttribute('href')).toBe('#/projects/shop/persons/ada');
  });

  it('opens the replay when a row is clicked', async () => {
    const session = makeSession();
    const { fetch } = fakeFetch(projects, route('GET', /\/sessions$/, () => json({ items: [session], nextCursor: null })));
    renderWithApp(<SessionsPage projectId="shop" />, { fetch });
    fireEvent.click((await screen.findAllByTestId('session-row'))[0]!);
    expect(window.location.hash).toBe(`#/sessions/${session.id}`);
  });

  it('refetches on an interval so new sessions appear', async () => {
    const fresh = makeSession();
    let answered = 0;
    const { fetch } = fakeFetch(
      projects,
      route('GET', /\/sessions$/, () => json({ items: answered++ === 0 ? [] : [fresh], nextCursor: null })),
    );
    renderWithApp(<SessionsPage projectId="shop" />, { fetch, config: { sessionsRefetchMs: 50 } });
    await screen.findByTestId('sessions-empty');
    const rows = await screen.findAllByTestId('session-row', undefined, { timeout: 2000 });
    expect(rows[0]!.dataset.sessionId).toBe(fresh.id);
  });
});
