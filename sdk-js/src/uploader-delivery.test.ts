import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answer, json, networkError, plain, settle } from './test-support/fake-transport';
import { batch, session, setup } from './test-support/uploader-fixture';
import type { TransportResponse } from './transport';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-21T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('uploader compression', () => {
  beforeEach(() => vi.useRealTimers());

  it('gzips batches and says so in Content-Encoding', async () => {
    expect(typeof CompressionStream).toBe('function');
    const { fake, uploader } = setup({ gzip: true });
    const b = batch(session({ created: true }), 0, 'x'.repeat(5_000));
    uploader.queueBatch(b);
    await uploader.drain();
    const [sent] = fake.events();
    expect(sent!.headers['Content-Encoding']).toBe('gzip');
    expect(sent!.body).toBeInstanceOf(Uint8Array);
    expect((sent!.body as Uint8Array).length).toBeLessThan(b.body.length / 10);
    expect(await json(sent!)).toEqual(JSON.parse(b.body));
  });

  it('sends plain JSON when the browser has no CompressionStream', async () => {
    vi.stubGlobal('CompressionStream', undefined);
    const { fake, uploader } = setup({ gzip: true });
    const b = batch(session({ created: true }), 0);
    uploader.queueBatch(b);
    await uploader.drain();
    const [sent] = fake.events();
    expect(sent!.headers['Content-Encoding']).toBeUndefined();
    expect(sent!.body).toBe(b.body);
  });
});

describe('uploader on unload', () => {
  const hang = () => new Promise<TransportResponse>(() => undefined);

  it('sends small batches by keepalive fetch and large ones by beacon, key in the query', async () => {
    const { fake, uploader } = setup({}, (r) => (r.keepalive ? answer(202) : hang()));
    const s = session({ created: true });
    const big = batch(s, 1, 'y'.repeat(70_000));
    uploader.queueBatch(batch(s, 0));
    uploader.queueBatch(big);
    await settle();
    uploader.sendOnUnload();
    await settle();

    const keepalive = fake.requests.filter((r) => r.keepalive);
    expect(keepalive.map((r) => plain(r.body).seq)).toEqual([0]);
    expect(keepalive[0]!.url).toBe(`https://sk.test/api/v1/sessions/${s.id}/events?key=pk_test`);
    expect(keepalive[0]!.headers).toEqual({ 'Content-Type': 'text/plain' });
    expect(fake.beacons).toHaveLength(1);
    expect(fake.beacons[0]!.url).toBe(`https://sk.test/api/v1/sessions/${s.id}/events?key=pk_test`);
    expect(plain(fake.beacons[0]!.body).seq).toBe(1);
    // Acknowledged keepalive batches leave the queue; a beacon's fate is unknown, so it stays.
    expect(uploader.queuedBytes()).toBe(big.body.length);
  });

  it('starts a session that was never created before sending its batches', async () => {
    const { fake, uploader } = setup({}, (r) => (r.keepalive ? answer(r.kind === 'create' ? 201 : 202) : hang()));
    const s = session();
    uploader.queueBatch(batch(s, 0));
    await settle();
    uploader.sendOnUnload();
    await settle();
    const keepalive = fake.requests.filter((r) => r.keepalive);
    expect(keepalive.map((r) => r.kind)).toEqual(['create', 'events']);
    expect(keepalive[0]!.url).toBe('https://sk.test/api/v1/sessions/?key=pk_test');
    expect(s.created).toBe(true);
  });

  it('falls back to a beacon when the keepalive fetch fails', async () => {
    const { fake, uploader } = setup({}, (r) => (r.keepalive ? networkError() : hang()));
    uploader.queueBatch(batch(session({ created: true }), 0));
    await settle();
    uploader.sendOnUnload();
    await settle();
    expect(fake.beacons.map((b) => plain(b.body).seq)).toEqual([0]);
  });

  it('sends a batch once when both hidden and pagehide fire, and again after the page showed', async () => {
    const { fake, uploader } = setup({}, () => hang());
    uploader.queueBatch(batch(session({ created: true }), 0), false);
    uploader.sendOnUnload(); // visibilitychange: hidden
    uploader.sendOnUnload(); // pagehide
    await settle();
    expect(fake.requests.filter((r) => r.keepalive)).toHaveLength(1);

    uploader.resume();
    uploader.sendOnUnload();
    await settle();
    expect(fake.requests.filter((r) => r.keepalive)).toHaveLength(2);
  });

  it('keeps the keepalive bodies of one unload under the 64 KiB browser quota', async () => {
    const { fake, uploader } = setup({}, (r) => (r.keepalive ? answer(202) : hang()));
    const s = session({ created: true });
    for (let seq = 0; seq < 4; seq++) uploader.queueBatch(batch(s, seq, 'z'.repeat(20_000)));
    await settle();
    uploader.sendOnUnload();
    await settle();
    const keepalive = fake.requests.filter((r) => r.keepalive);
    expect(keepalive.map((r) => plain(r.body).seq)).toEqual([0, 1, 2]);
    expect(keepalive.reduce((n, r) => n + (r.body as Uint8Array).length, 0)).toBeLessThan(64 * 1024);
    expect(fake.beacons.map((b) => plain(b.body).seq)).toEqual([3]);
  });
});
