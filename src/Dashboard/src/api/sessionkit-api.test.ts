import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, makeSession, problem, route } from '../test/fake-server';
import { PayloadError } from './decode';
import { ApiError, createHttp, UnauthorizedError } from './http';
import { createSessionKitApi } from './sessionkit-api';

function apiWith(...handlers: Parameters<typeof fakeFetch>) {
  const server = fakeFetch(...handlers);
  const onUnauthorized = vi.fn();
  const api = createSessionKitApi(createHttp({ fetch: server.fetch, onUnauthorized }));
  return { api, calls: server.calls, onUnauthorized };
}

const sessionsPath = '/api/v1/projects/default/sessions';

describe('payload validation', () => {
  it('accepts a well-formed sessions page', async () => {
    const session = makeSession();
    const { api } = apiWith(route('GET', sessionsPath, () => json({ items: [session], nextCursor: 'abc' })));
    const page = await api.listSessions('default', {});
    expect(page.nextCursor).toBe('abc');
    expect(page.items).toEqual([session]);
  });

  it('rejects a session whose durationMs is not a number', async () => {
    const broken = { ...makeSession(), durationMs: '252000' };
    const { api } = apiWith(route('GET', sessionsPath, () => json({ items: [broken], nextCursor: null })));
    const failure = api.listSessions('default', {});
    await expect(failure).rejects.toBeInstanceOf(PayloadError);
    await expect(failure).rejects.toThrow('$.items[0].durationMs');
  });

  it('rejects a page without items', async () => {
    const { api } = apiWith(route('GET', sessionsPath, () => json({ sessions: [], nextCursor: null })));
    await expect(api.listSessions('default', {})).rejects.toThrow('$.items: expected an array');
  });

  it('rejects a session whose startedAt is not a date', async () => {
    const { api } = apiWith(route('GET', '/api/v1/sessions/s1', () => json({ ...makeSession(), startedAt: 'yesterday' })));
    await expect(api.getSession('s1')).rejects.toThrow('$.startedAt: expected an ISO 8601 date');
  });

  it('rejects an event without a numeric timestamp and keeps other event fields as sent', async () => {
    const good = [{ type: 4, timestamp: 1, data: { href: 'https://x.test', width: 800, height: 600 } }];
    const { api } = apiWith(
      route('GET', '/api/v1/sessions/good/events', () => json(good)),
      route('GET', '/api/v1/sessions/bad/events', () => json([{ type: 2, timestamp: '1' }])),
    );
    await expect(api.getSessionEvents('good')).resolves.toEqual(good);
    await expect(api.getSessionEvents('bad')).rejects.toThrow('$[0].timestamp');
  });

  it('rejects a project list with a missing ingest key', async () => {
    const { api } = apiWith(
      route('GET', '/api/v1/projects', () => json([{ id: 'default', name: 'Default', allowedOrigins: [], createdAt: '2026-01-01T00:00:00Z' }])),
    );
    await expect(api.listProjects()).rejects.toThrow('$[0].ingestKey');
  });

  it('reads firstEventAt as Unix ms, and as null when it is null or missing', async () => {
    const { firstEventAt: _, ...withoutFirst } = makeSession();
    const { api } = apiWith(
      route('GET', '/api/v1/sessions/known', () => json(makeSession({ firstEventAt: 1_732_183_200_000 }))),
      route('GET', '/api/v1/sessions/none', () => json(makeSession({ firstEventAt: null }))),
      route('GET', '/api/v1/sessions/older', () => json(withoutFirst)),
      route('GET', '/api/v1/sessions/bad', () => json({ ...makeSession(), firstEventAt: '2026-11-21T10:00:00Z' })),
    );
    expect((await api.getSession('known')).firstEventAt).toBe(1_732_183_200_000);
    expect((await api.getSession('none')).firstEventAt).toBeNull();
    expect((await api.getSession('older')).firstEventAt).toBeNull();
    await expect(api.getSession('bad')).rejects.toThrow('$.firstEventAt: expected a number');
  });

  it('reads requireLiveConsent of a project and rejects a project without it', async () => {
    const project = { id: 'default', name: 'Default', ingestKey: 'pk', allowedOrigins: [], createdAt: '2026-01-01T00:00:00Z' };
    const { api } = apiWith(
      route('GET', '/api/v1/projects', () => json([{ ...project, requireLiveConsent: true }])),
      route('POST', '/api/v1/projects', () => json(project, 201)),
    );
    expect((await api.listProjects())[0]?.requireLiveConsent).toBe(true);
    await expect(api.createProject({ name: 'Default', allowedOrigins: [] })).rejects.toThrow('$.requireLiveConsent: expected a boolean');
  });

  it('turns invalid JSON into an ApiError instead of crashing', async () => {
    const { api } = apiWith(route('GET', '/api/v1/projects', () => new Response('<html>', { status: 200 })));
    await expect(api.listProjects()).rejects.toBeInstanceOf(ApiError);
  });
});

describe('requests', () => {
  it('sends filters and the cursor as query parameters, with same-origin credentials', async () => {
    const { api, calls } = apiWith(route('GET', sessionsPath, () => json({ items: [], nextCursor: null })));
    await api.listSessions(
      'default',
      { from: '2026-11-21T00:00:00.000Z', url: ' /checkout ', minDurationMs: 5000 },
      { cursor: 'next-1', limit: 25 },
    );
    const call = calls[0]!;
    expect(call.credentials).toBe('same-origin');
    expect(Object.fromEntries(call.url.searchParams)).toEqual({
      from: '2026-11-21T00:00:00.000Z',
      url: '/checkout',
      minDurationMs: '5000',
      limit: '25',
      cursor: 'next-1',
    });
  });

  it('sends requireLiveConsent with PATCH', async () => {
    const { api, calls } = apiWith(
      route('PATCH', '/api/v1/projects/shop', (request) =>
        json({ id: 'shop', name: 'Shop', ingestKey: 'pk', allowedOrigins: [], createdAt: '2026-01-01T00:00:00Z', ...(request.body as object) }),
      ),
    );
    await expect(api.updateProject('shop', { requireLiveConsent: true })).resolves.toMatchObject({ requireLiveConsent: true });
    expect(calls[0]!.body).toEqual({ requireLiveConsent: true });
  });

  it('escapes ids in paths', async () => {
    const { api, calls } = apiWith(route('GET', /\/api\/v1\/sessions\//, () => json(makeSession())));
    await api.getSession('a/b?c');
    expect(calls[0]!.url.pathname).toBe('/api/v1/sessions/a%2Fb%3Fc');
  });

  it('surfaces the ProblemDetails title and detail', async () => {
    const { api } = apiWith(route('POST', '/api/v1/projects', () => problem(400, 'Invalid origin', 'ftp://x is not http(s)')));
    const failure = api.createProject({ name: 'Shop', allowedOrigins: ['ftp://x'] });
    await expect(failure).rejects.toMatchObject({ status: 400, title: 'Invalid origin', detail: 'ftp://x is not http(s)' });
  });
});

describe('comments', () => {
  const comment = { id: 'c1', sessionId: 's1', author: 'admin', text: 'Look', at: 1_700_000_000_123, createdAt: '2026-11-21T10:00:00Z' };

  it('posts text and the absolute moment, and decodes the answer', async () => {
    const { api, calls } = apiWith(route('POST', '/api/v1/sessions/s1/comments', () => json(comment, 201)));
    await expect(api.addComment('s1', { text: 'Look', at: 1_700_000_000_123 })).resolves.toEqual(comment);
    expect(calls[0]!.body).toEqual({ text: 'Look', at: 1_700_000_000_123 });
  });

  it('rejects a comment whose at is not a number', async () => {
    const { api } = apiWith(route('GET', '/api/v1/sessions/s1/comments', () => json([{ ...comment, at: '12' }])));
    await expect(api.listComments('s1')).rejects.toThrow('$[0].at');
  });
});

describe('401 handling', () => {
  it('reports a 401 on a read endpoint as signed out', async () => {
    const { api, onUnauthorized } = apiWith(route('GET', '/api/v1/projects', () => problem(401, 'Unauthorized')));
    await expect(api.listProjects()).rejects.toBeInstanceOf(UnauthorizedError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not sign out on a wrong password: the login form handles that 401', async () => {
    const { api, onUnauthorized, calls } = apiWith(route('POST', '/api/v1/auth/login', () => problem(401, 'Unauthorized')));
    await expect(api.login({ userName: 'admin', password: 'wrong-password' })).rejects.toBeInstanceOf(UnauthorizedError);
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(calls[0]!.body).toEqual({ userName: 'admin', password: 'wrong-password' });
  });

  it('does not report other errors as signed out', async () => {
    const { api, onUnauthorized } = apiWith(route('GET', '/api/v1/projects', () => problem(500, 'Boom')));
    await expect(api.listProjects()).rejects.toMatchObject({ status: 500 });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
