import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answer, networkError, plain, settle } from './test-support/fake-transport';
import { batch, session, setup } from './test-support/uploader-fixture';
import type { TransportResponse } from './transport';

/** A response that stays pending until the test releases it. */
function deferred() {
  let release!: (r: TransportResponse | Error) => void;
  const promise = new Promise<TransportResponse | Error>((resolve) => (release = resolve));
  return { promise, release };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-21T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('uploader', () => {
  it('creates the session first and keeps batches queued, retrying while offline', async () => {
    const { fake, uploader } = setup({}, () => networkError());
    const s = session();
    uploader.queueBatch(batch(s, 0));
    await settle();
    expect(fake.requests.map((r) => r.kind)).toEqual(['create']);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.requests.map((r) => r.kind)).toEqual(['create', 'create']);

    fake.respondWith((r) => answer(r.kind === 'create' ? 200 : 202));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.requests.map((r) => r.kind)).toEqual(['create', 'create', 'create', 'events']);
    expect(s.created).toBe(true);
    expect(fake.events()[0]!.url).toBe(`https://sk.test/api/v1/sessions/${s.id}/events`);
    expect(fake.events()[0]!.headers['X-SessionKit-Key']).toBe('pk_test');
  });

  it('sends a batch enqueued just as the pump found nothing to do', async () => {
    const { fake, uploader } = setup();
    const s = session({ created: true });
    uploader.announce(s); // runs the pump once, which finds nothing and stops
    uploader.queueBatch(batch(s, 0));
    await settle();
    expect(fake.events().map((r) => plain(r.body).seq)).toEqual([0]);
  });

  it('sends one batch at a time, in seq order', async () => {
    const pending: ReturnType<typeof deferred>[] = [];
    const { fake, uploader } = setup({}, () => {
      const d = deferred();
      pending.push(d);
      return d.promise;
    });
    const s = session({ created: true });
    for (const seq of [0, 1, 2]) uploader.queueBatch(batch(s, seq));
    await settle();
    expect(fake.events().map((r) => plain(r.body).seq)).toEqual([0]);

    pending[0]!.release(answer(202));
    await settle();
    expect(fake.events().map((r) => plain(r.body).seq)).toEqual([0, 1]);

    pending[1]!.release(answer(202));
    await settle();
    pending[2]!.release(answer(202));
    await settle();
    expect(fake.events().map((r) => plain(r.body).seq)).toEqual([0, 1, 2]);
    expect(uploader.queuedBytes()).toBe(0);
  });

  it('resends the very same seq and body after a 5xx and drops it only after a 2xx', async () => {
    const statuses = [503, 500, 202, 202];
    const { fake, uploader } = setup({}, () => answer(statuses.shift()!));
    const s = session({ created: true });
    uploader.queueBatch(batch(s, 0));
    uploader.queueBatch(batch(s, 1));
    await settle();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(uploader.queuedBytes()).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(2_000);

    const sent = fake.events();
    expect(sent.map((r) => plain(r.body).seq)).toEqual([0, 0, 0, 1]);
    expect(new Set(sent.slice(0, 3).map((r) => r.body)).size).toBe(1);
    expect(uploader.queuedBytes()).toBe(0);
  });

  it('backs off exponentially with jitter on network errors', async () => {
    // random() = 0 gives the lower jitter bound: half of each step.
    const { fake, uploader } = setup({ random: () => 0 }, () => networkError());
    uploader.queueBatch(batch(session({ created: true }), 0));
    await settle();
    const times = [Date.now()];
    for (let i = 0; i < 4; i++) {
      const before = fake.requests.length;
      for (let waited = 0; waited < 10_000 && fake.requests.length === before; waited += 50) {
        await vi.advanceTimersByTimeAsync(50);
      }
      times.push(Date.now());
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('waits exactly as long as a Retry-After in seconds says', async () => {
    const statuses = [429, 202];
    const { fake, uploader } = setup({}, () => answer(statuses.shift()!, '7'));
    uploader.queueBatch(batch(session({ created: true }), 0));
    await settle();
    await vi.advanceTimersByTimeAsync(6_999);
    expect(fake.events()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.events()).toHaveLength(2);
  });

  it('waits until a Retry-After HTTP date', async () => {
    const until = new Date(Date.now() + 30_000).toUTCString();
    const statuses = [503, 202];
    const { fake, uploader } = setup({}, () => answer(statuses.shift()!, until));
    uploader.queueBatch(batch(session({ created: true }), 0));
    await settle();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fake.events()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.events()).toHaveLength(2);
  });

  it('does not retry a 400: the batch is dropped with a warning and the next one goes on', async () => {
    const statuses = [400, 202];
    const { fake, uploader, warnings } = setup({}, () => answer(statuses.shift() ?? 202));
    const s = session({ created: true });
    uploader.queueBatch(batch(s, 0));
    uploader.queueBatch(batch(s, 1));
    await settle();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fake.events().map((r) => plain(r.body).seq)).toEqual([0, 1]);
    expect(warnings).toEqual(['[SessionKit] a batch was refused with 400 and dropped']);
    expect(uploader.queuedBytes()).toBe(0);
  });

  it('does not retry a 409 on events (seq too far ahead of a gap): the batch is dropped and the next one goes on', async () => {
    const statuses = [409, 202];
    const { fake, uploader, warnings } = setup({}, () => answer(statuses.shift() ?? 202));
    const s = session({ created: true });
    uploader.queueBatch(batch(s, 5));
    uploader.queueBatch(batch(s, 6));
    await settle();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fake.events().map((r) => plain(r.body).seq)).toEqual([5, 6]);
    expect(fake.creates()).toHaveLength(0);
    expect(warnings).toEqual(['[SessionKit] a batch was refused with 409 and dropped']);
    expect(uploader.queuedBytes()).toBe(0);
  });

  it('on a 404 recreates the session, then resends the same seq', async () => {
    const eventStatuses = [404, 202, 202];
    const { fake, uploader } = setup({}, (r) => answer(r.kind === 'create' ? 200 : eventStatuses.shift()!));
    const s = session({ created: true });
    uploader.queueBatch(batch(s, 0));
    uploader.queueBatch(batch(s, 1));
    await settle();
    expect(fake.requests.map((r) => `${r.kind}${r.kind === 'events' ? plain(r.body).seq : ''}`)).toEqual([
      'events0',
      'create',
      'events0',
      'events1',
    ]);
    expect(fake.creates()[0]!.sessionId).toBe(s.id);
  });

  it('backs off instead of looping when the server keeps answering 404', async () => {
    const { fake, uploader } = setup({}, (r) => answer(r.kind === 'create' ? 201 : 404));
    uploader.queueBatch(batch(session({ created: true }), 0));
    await settle();
    expect(fake.requests.map((r) => r.kind)).toEqual(['events', 'create', 'events']);
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.requests).toHaveLength(3);
  });

  it('treats 401 as fatal and sends nothing more', async () => {
    const { fake, uploader, fatals } = setup({}, () => answer(401));
    uploader.queueBatch(batch(session(), 0));
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fatals).toEqual([401]);
    expect(fake.requests).toHaveLength(1);
  });

  it('takes a new session id when the server says the id belongs to another project', async () => {
    const createStatuses = [409, 201];
    const { fake, uploader } = setup({}, (r) => answer(r.kind === 'create' ? createStatuses.shift()! : 202));
    const s = session();
    const first = s.id;
    uploader.queueBatch(batch(s, 0));
    await settle();
    const [a, b] = fake.creates();
    expect(a!.sessionId).toBe(first);
    expect(b!.sessionId).not.toBe(first);
    expect(b!.sessionId).toMatch(/^[0-9a-f]{32}$/);
    expect(fake.events()[0]!.sessionId).toBe(b!.sessionId);
  });

  it('retries at once when told the browser is back online', async () => {
    const { fake, uploader } = setup({}, () => networkError());
    uploader.queueBatch(batch(session({ created: true }), 0));
    await settle();
    fake.respondWith(() => answer(202));
    uploader.retryNow();
    await settle();
    expect(fake.events()).toHaveLength(2);
    expect(uploader.queuedBytes()).toBe(0);
  });
});
