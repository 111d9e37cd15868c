import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, formatDuration, formatRelative, shortUrl } from './format';

describe('formatDuration', () => {
  it.each([
    [850, '850ms'],
    [42_000, '42s'],
    [252_000, '4m 12s'],
    [3_900_000, '1h 05m'],
    [-1, '—'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-21T12:00:00Z');
  it.each([
    ['2026-11-21T11:59:50Z', 'just now'],
    ['2026-11-21T11:55:00Z', '5 minutes ago'],
    ['2026-11-21T09:00:00Z', '3 hours ago'],
    ['2026-11-20T12:00:00Z', 'yesterday'],
  ])('%s → %s', (iso, text) => expect(formatRelative(iso, now)).toBe(text));
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [12_700, '12.4 KB'],
    [2_412_345, '2.3 MB'],
  ])('%d → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('shortUrl', () => {
  it('drops the scheme and a bare slash', () => {
    expect(shortUrl('https://shop.example.com/')).toBe('shop.example.com');
    expect(shortUrl('https://shop.example.com/cart?x=1')).toBe('shop.example.com/cart?x=1');
    expect(shortUrl('not a url')).toBe('not a url');
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [7_999, '0:07'],
    [252_000, '4:12'],
    [3_909_000, '1:05:09'],
    [-5, '0:00'],
  ])('%d ms → %s', (ms, text) => expect(formatClock(ms)).toBe(text));
});
