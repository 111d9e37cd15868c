import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash, type Route } from './router';

describe('parseHash', () => {
  it.each<[string, Route]>([
    ['', { name: 'sessions', projectId: null }],
    ['#/', { name: 'sessions', projectId: null }],
    ['#/projects', { name: 'projects' }],
    ['#/projects/', { name: 'projects' }],
    ['#/projects/shop/sessions', { name: 'sessions', projectId: 'shop' }],
    ['#/sessions/0f9c2b1e', { name: 'replay', sessionId: '0f9c2b1e' }],
    ['#/sessions/a%2Fb', { name: 'replay', sessionId: 'a/b' }],
    ['#/sessions/abc?t=5', { name: 'replay', sessionId: 'abc' }],
    ['#/nope', { name: 'not-found', path: '/nope' }],
    ['#/sessions/%E0%A4%A', { name: 'not-found', path: '/sessions/%E0%A4%A' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips through hrefFor', () => {
    const routes: Route[] = [
      { name: 'projects' },
      { name: 'sessions', projectId: 'my project' },
      { name: 'replay', sessionId: 'id_with-dash' },
    ];
    for (const route of routes) expect(parseHash(hrefFor(route))).toEqual(route);
  });
});
