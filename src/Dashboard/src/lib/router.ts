import { useSyncExternalStore } from 'react';

/**
 * A hash router: the server serves index.html at `/`, and every dashboard URL lives after
 * the `#`, so links keep working behind any reverse proxy path.
 *
 * | hash                              | page                                   |
 * |-----------------------------------|----------------------------------------|
 * | `#/` (or empty)                   | sessions of the default project        |
 * | `#/projects`                      | projects                               |
 * | `#/projects/:projectId/sessions`  | sessions of one project                |
 * | `#/sessions/:sessionId?t=<ms>`     | replay of one session, opened at `t` ms after its first event |
 * | `#/live`                          | active sessions of the default project |
 * | `#/projects/:projectId/live`      | active sessions of one project         |
 * | `#/live/:sessionId`               | live view of one session               |
 * | `#/projects/:projectId/visitors/:visitorId` | a device visitor's journeys     |
 * | `#/projects/:projectId/persons/:userId`     | a person across devices         |
 * | `#/alerts`                        | alert rules and webhooks of the default project |
 * | `#/projects/:projectId/alerts`    | alert rules and webhooks of one project |
 */
export type Route =
  | { readonly name: 'sessions'; readonly projectId: string | null }
  | { readonly name: 'projects' }
  | { readonly name: 'replay'; readonly sessionId: string; readonly t?: number }
  | { readonly name: 'live'; readonly projectId: string | null }
  | { readonly name: 'live-view'; readonly sessionId: string }
  | { readonly name: 'visitor'; readonly projectId: string; readonly visitorId: string }
  | { readonly name: 'person'; readonly projectId: string; readonly userId: string }
  | { readonly name: 'alerts'; readonly projectId: string | null }
  | { readonly name: 'not-found'; readonly path: string };

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * The `t` query parameter of a replay link: milliseconds since the recording's first event.
 * Anything but a finite number >= 0 is ignored.
 */
export function parseMoment(query: string): number | undefined {
  const raw = new URLSearchParams(query).get('t');
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter((part) => part.length > 0);
  const decoded = parts.map(safeDecode);
  if (decoded.some((part) => part === null)) return { name: 'not-found', path };
  const [first, second, third, fourth] = decoded as string[];

  if (parts.length === 0) return { name: 'sessions', projectId: null };
  if (first === 'projects' && parts.length === 1) return { name: 'projects' };
  if (first === 'projects' && second && third === 'sessions' && parts.length === 3) {
    return { name: 'sessions', projectId: second };
  }
  if (first === 'projects' && second && third === 'visitors' && fourth && parts.length === 4) {
    return { name: 'visitor', projectId: second, visitorId: fourth };
  }
  if (first === 'projects' && second && third === 'persons' && fourth && parts.length === 4) {
    return { name: 'person', projectId: second, userId: fourth };
  }
  if (first === 'projects' && second && third === 'live' && parts.length === 3) {
    return { name: 'live', projectId: second };
  }
  if (first === 'sessions' && second && parts.length === 2) {
    const t = parseMoment(query);
    return t === undefined ? { name: 'replay', sessionId: second } : { name: 'replay', sessionId: second, t };
  }
  if (first === 'projects' && second && third === 'alerts' && parts.length === 3) {
    return { name: 'alerts', projectId: second };
  }
  if (first === 'alerts' && parts.length === 1) return { name: 'alerts', projectId: null };
  if (first === 'live' && parts.length === 1) return { name: 'live', projectId: null };
  if (first === 'live' && second && parts.length === 2) return { name: 'live-view', sessionId: second };
  return { name: 'not-found', path };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'sessions':
      return route.projectId === null ? '#/' : `#/projects/${encodeURIComponent(route.projectId)}/sessions`;
    case 'projects':
      return '#/projects';
    case 'replay':
      return `#/sessions/${encodeURIComponent(route.sessionId)}${route.t === undefined ? '' : `?t=${Math.round(route.t)}`}`;
    case 'live':
      return route.projectId === null ? '#/live' : `#/projects/${encodeURIComponent(route.projectId)}/live`;
    case 'live-view':
      return `#/live/${encodeURIComponent(route.sessionId)}`;
    case 'visitor':
      return `#/projects/${encodeURIComponent(route.projectId)}/visitors/${encodeURIComponent(route.visitorId)}`;
    case 'person':
      return `#/projects/${encodeURIComponent(route.projectId)}/persons/${encodeURIComponent(route.userId)}`;
    case 'alerts':
      return route.projectId === null ? '#/alerts' : `#/projects/${encodeURIComponent(route.projectId)}/alerts`;
    case 'not-found':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash, () => '');
  return parseHash(hash);
}
