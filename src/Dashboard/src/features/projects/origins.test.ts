import { describe, expect, it } from 'vitest';
import { parseOrigins } from './origins';

describe('parseOrigins', () => {
  it('reads one origin per line, normalising and de-duplicating', () => {
    expect(parseOrigins('https://Shop.Example.com/\n\n  http://localhost:3000 \nhttps://shop.example.com')).toEqual({
      origins: ['https://shop.example.com', 'http://localhost:3000'],
      invalid: [],
    });
  });

  it('accepts commas too', () => {
    expect(parseOrigins('https://a.test, https://b.test').origins).toEqual(['https://a.test', 'https://b.test']);
  });

  it('rejects paths, other schemes and non-URLs', () => {
    expect(parseOrigins('https://a.test/shop\nftp://a.test\nshop.example.com').invalid).toEqual([
      'https://a.test/shop',
      'ftp://a.test',
      'shop.example.com',
    ]);
  });

  it('reads an empty box as no restriction', () => {
    expect(parseOrigins('  \n ')).toEqual({ origins: [], invalid: [] });
  });
});
