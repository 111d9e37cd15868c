import { vi } from 'vitest';
import type { Project, Session } from '../api/types';

export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly body: unknown;
  readonly credentials: RequestCredentials | undefined;
}

export type Handler = (request: FakeRequest) => Response | undefined;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function problem(status: number, title: string, detail?: string): Response {
  return new Response(JSON.stringify({ status, title, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/**
 * A fetch double answering from handlers in order (first non-undefined answer wins); an
 * unhandled request answers 404 so a test never hangs on a typo. `calls` records requests.
 */
export function fakeFetch(...handlers: Handler[]) {
  const calls: FakeRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://dashboard.test');
    const request: FakeRequest = {
      method: init?.method ?? 'GET',
      url,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init?.credentials,
    };
    calls.push(request);
    for (const handler of handlers) {
      const response = handler(request);
      if (response) return response;
    }
    return problem(404, 'Not found', `${request.method} ${url.pathname}`);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

export const route =
  (method: string, path: string | RegExp, answer: (request: FakeRequest) => Response): Handler =>
  (request) => {
    if (request.method !== method) return undefined;
    const matches = typeof path === 'string' ? request.url.pathname === path : path.test(request.url.pathname);
    return matches ? answer(request) : undefined;
  };

export const signedIn = route('GET', '/api/v1/auth/state', () =>
  json({ setupRequired: false, authenticated: true, userName: 'admin' }),
);

let counter = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function makeProject(overrides: Partial<Project> = {}): Project {
  const id = overrides.id ?? fresh('p');
  return {
    id,
    name: `Project ${id}`,
    ingestKey: fresh('key'),
    allowedOrigins: [],
    requireLiveConsent: false,
    createdAt: '2026-11-20T09:00:00Z',
    privateTraits: [],
    ...overrides,
  };
}

export function makeSession(overrides: Partial<Session> = {}): Session {
  return {
    id: fresh('s'),
    projectId: 'default',
    visitorId: fresh('v'),
    tabId: fresh('t'),
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    referrer: null,
    screen: { width: 1920, height: 1080 },
    firstUrl: 'https://shop.example.com/cart',
    pages: ['https://shop.example.com/cart', 'https://shop.example.com/pay'],
    startedAt: '2026-11-21T10:00:00+00:00',
    lastActivityAt: '2026-11-21T10:04:12+00:00',
    endedAt: null,
    status: 'ended',
    durationMs: 252_000,
    eventCount: 1830,
    byteSize: 2_412_345,
    firstEventAt: Date.parse('2026-11-21T10:00:00.250Z'),
    frustrationScore: 0,
    signalTypes: [],
    ...overrides,
  };
}
