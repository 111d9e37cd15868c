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
 * | `#/sessions/:sessionId`           | replay of one session                  |
 */
export type Route =
  | { readonly name: 'sessions'; readonly projectId: string | null }
  | { readonly name: 'projects' }
  | { readonly name: 'replay'; readonly sessionId: string }
  | { readonly name: 'not-found'; readonly path: string };

function safeDecode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const parts = path.split('/').filter((part) => part.length > 0);
  const decoded = parts.map(safeDecode);
  if (decoded.some((part) => part === null)) return { name: 'not-found', path };
  const [first, second, third] = decoded as string[];

  if (parts.length === 0) return { name: 'sessions', projectId: null };
  if (first === 'projects' && parts.length === 1) return { name: 'projects' };
  if (first === 'projects' && second && third === 'sessions' && parts.length === 3) {
    return { name: 'sessions', projectId: second };
  }
  if (first === 'sessions' && second && parts.length === 2) return { name: 'replay', sessionId: second };
  return { name: 'not-found', path };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'sessions':
      return route.projectId === null ? '#/' : `#/projects/${encodeURIComponent(route.projectId)}/sessions`;
    case 'projects':
      return '#/projects';
    case 'replay':
      return `#/sessions/${encodeURIComponent(route.sessionId)}`;
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
