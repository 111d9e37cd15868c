import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash, parseMoment, type Route } from './router';

describe('parseHash', () => {
  it.each<[string, Route]>([
    ['', { name: 'sessions', projectId: null }],
    ['#/', { name: 'sessions', projectId: null }],
    ['#/projects', { name: 'projects' }],
    ['#/projects/', { name: 'projects' }],
    ['#/projects/shop/sessions', { name: 'sessions', projectId: 'shop' }],
    ['#/sessions/0f9c2b1e', { name: 'replay', sessionId: '0f9c2b1e' }],
    ['#/sessions/a%2Fb', { name: 'replay', sessionId: 'a/b' }],
    ['#/sessions/abc?t=5', { name: 'replay', sessionId: 'abc', t: 5 }],
    ['#/sessions/abc?t=90500&x=1', { name: 'replay', sessionId: 'abc', t: 90_500 }],
    ['#/sessions/abc?t=-4', { name: 'replay', sessionId: 'abc' }],
    ['#/sessions/abc?t=soon', { name: 'replay', sessionId: 'abc' }],
    ['#/sessions/abc?t=', { name: 'replay', sessionId: 'abc' }],
    ['#/live', { name: 'live', projectId: null }],
    ['#/projects/shop/live', { name: 'live', projectId: 'shop' }],
    ['#/live/s-1', { name: 'live-view', sessionId: 's-1' }],
    ['#/live/s-1/extra', { name: 'not-found', path: '/live/s-1/extra' }],
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
      { name: 'replay', sessionId: 'a b', t: 1234 },
      { name: 'live', projectId: null },
      { name: 'live', projectId: 'my project' },
      { name: 'live-view', sessionId: 'x/y' },
    ];
    for (const route of routes) expect(parseHash(hrefFor(route))).toEqual(route);
  });
});

describe('parseMoment', () => {
  it('reads t as whole milliseconds and ignores anything else', () => {
    expect(parseMoment('t=1500')).toBe(1500);
    expect(parseMoment('t=1500.6')).toBe(1501);
    expect(parseMoment('t=0')).toBe(0);
    expect(parseMoment('other=1')).toBeUndefined();
    expect(parseMoment('t=1e400')).toBeUndefined();
    expect(parseMoment('t=abc')).toBeUndefined();
  });
});

describe('visitor and person routes', () => {
  it('round-trip, ids escaped', () => {
    const visitor = { name: 'visitor', projectId: 'shop', visitorId: 'v-1' } as const;
    const person = { name: 'person', projectId: 'shop', userId: 'ada@example.com/x' } as const;
    expect(hrefFor(person)).toBe('#/projects/shop/persons/ada%40example.com%2Fx');
    expect(parseHash(hrefFor(visitor))).toEqual(visitor);
    expect(parseHash(hrefFor(person))).toEqual(person);
    expect(parseHash('#/projects/shop/persons')).toEqual({ name: 'not-found', path: '/projects/shop/persons' });
  });
});
