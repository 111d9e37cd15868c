import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionKit } from './index';
import { answer, networkError, plain, settle, started } from './test-support/fake-transport';
import { emit, MINUTE, mouse, mutation, resetPage, seqs, start, stopAll } from './test-support/sessionkit-fixture';
import { rr } from './test-support/fake-rrweb';

vi.mock('@rrweb/record', () => import('./test-support/fake-rrweb'));

beforeEach(resetPage);
afterEach(stopAll);

describe('createSessionKit', () => {
  it('requires endpoint and projectKey', () => {
    expect(() => createSessionKit({ endpoint: '', projectKey: 'pk' })).toThrow(/endpoint/);
    expect(() => createSessionKit({ endpoint: 'https://sk.test', projectKey: '' })).toThrow(/projectKey/);
  });

  it('starts its session with the page details, then sends the events', async () => {
    const { fake, kit } = start();
    emit(mouse());
    emit(mutation());
    await kit.flush();

    const [create] = fake.creates();
    expect(create!.url).toBe('https://sk.test/api/v1/sessions/');
    const body = started(create!.body);
    expect(body).toMatchObject({
      id: kit.getSessionId(),
      url: location.href,
      referrer: document.referrer,
      userAgent: navigator.userAgent,
      screen: { width: screen.width, height: screen.height },
      startedAt: '2026-11-21T10:00:00.000Z',
    });
    expect(body.visitorId).toMatch(/^v-[0-9a-f]{32}$/);
    expect(body.tabId).toMatch(/^t-[0-9a-f]{32}$/);
    expect(kit.getSessionId()).toMatch(/^[0-9a-f]{32}$/);

    const [events] = fake.events();
    expect(events!.sessionId).toBe(kit.getSessionId());
    expect(plain(events!.body)).toEqual({ seq: 0, events: [expect.objectContaining({ data: { source: 1, positions: [] } }), expect.anything()] });
  });

  it('cuts a batch every maxBatchEvents events', async () => {
    const { fake } = start({ maxBatchEvents: 3 });
    for (let i = 0; i < 7; i++) emit(mutation());
    await settle();
    expect(fake.events().map((r) => plain(r.body).events.length)).toEqual([3, 3]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fake.events().map((r) => plain(r.body).events.length)).toEqual([3, 3, 1]);
    expect(seqs(fake)).toEqual([0, 1, 2]);
  });

  it('cuts a batch before it would pass maxBatchBytes', async () => {
    const { fake } = start({ maxBatchBytes: 1_000 });
    for (let i = 0; i < 5; i++) emit(mutation('p'.repeat(400)));
    await settle();
    const sent = fake.events();
    expect(sent.map((r) => plain(r.body).events.length)).toEqual([2, 2]);
    for (const r of sent) expect((r.body as string).length).toBeLessThan(1_100);
  });

  it('sends after flushIntervalMs when the batch stays small', async () => {
    const { fake } = start({ flushIntervalMs: 5_000 });
    emit(mouse());
    await vi.advanceTimersByTimeAsync(4_999);
    expect(fake.events()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(seqs(fake)).toEqual([0]);
  });

  it('continues the session and its seq numbering after a reload, without creating it again', async () => {
    const first = start();
    emit(mouse());
    await first.kit.flush();
    emit(mouse());
    await first.kit.flush();
    const id = first.kit.getSessionId();
    window.dispatchEvent(new Event('pagehide'));
    await first.kit.stop();

    const second = start();
    expect(second.kit.getSessionId()).toBe(id);
    emit(mouse());
    await second.kit.flush();
    expect(seqs(first.fake)).toEqual([0, 1]);
    expect(seqs(second.fake)).toEqual([2]);
    expect(second.fake.creates()).toHaveLength(0);
  });

  it('starts a new session, seq 0, when the tab storage is fresh', async () => {
    const first = start();
    await first.kit.flush();
    const visitor = started(first.fake.creates()[0]!.body).visitorId;
    await first.kit.stop();
    sessionStorage.clear();

    const second = start();
    emit(mouse());
    await second.kit.flush();
    expect(second.kit.getSessionId()).not.toBe(first.kit.getSessionId() ?? 'stopped');
    expect(second.fake.events()[0]!.sessionId).toBe(second.kit.getSessionId());
    expect(seqs(second.fake)).toEqual([0]);
    expect(started(second.fake.creates()[0]!.body).visitorId).toBe(visitor);
  });

  it('rotates to a new session after sessionTimeoutMs without interaction', async () => {
    const { fake, kit } = start({ liveCheckIntervalMs: 0 }); // no heartbeats while it idles
    emit(mouse());
    await kit.flush();
    const oldId = kit.getSessionId();

    await vi.advanceTimersByTimeAsync(31 * MINUTE);
    emit(mutation()); // an idle page's own changes neither extend nor reopen the session
    emit(mouse());
    await kit.flush();

    const newId = kit.getSessionId();
    expect(newId).not.toBe(oldId);
    expect(rr.snapshots).toBe(1);
    expect(fake.creates().map((r) => r.sessionId)).toEqual([oldId, newId]);
    const newBatches = fake.events().filter((r) => r.sessionId === newId);
    expect(newBatches.map((r) => plain(r.body).seq)).toEqual([0]);
    expect(plain(newBatches[0]!.body).events.map((e) => e.type)).toEqual([4, 2]);
    expect(fake.events().filter((r) => r.sessionId === oldId)).toHaveLength(1);
  });

  it('keeps the session while the user keeps interacting', async () => {
    const { kit } = start();
    const id = kit.getSessionId();
    for (let i = 0; i < 6; i++) {
      await vi.advanceTimersByTimeAsync(20 * MINUTE);
      emit(mouse());
    }
    expect(kit.getSessionId()).toBe(id);
    expect(rr.snapshots).toBe(0);
  });

  it('with sampleRate 0 neither records nor sends anything', async () => {
    const { fake, kit } = start({ sampleRate: 0 });
    await kit.flush();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(rr.options).toHaveLength(0);
    expect(fake.requests).toHaveLength(0);
    expect(fake.beacons).toHaveLength(0);
    expect(kit.getSessionId()).toBeNull();
  });

  it('stops recording instead of growing the queue past maxQueueBytes', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { kit } = start({ maxQueueBytes: 2_000, maxBatchEvents: 1 }, () => networkError());
    for (let i = 0; i < 10 && rr.emit; i++) emit(mutation('q'.repeat(500)));
    expect(rr.stops).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(kit.getSessionId()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('warns once however many batches the server refuses', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { fake } = start({ maxBatchEvents: 1 }, (r) => answer(r.kind === 'create' ? 201 : 400));
    for (let i = 0; i < 3; i++) emit(mouse());
    await settle();
    expect(fake.events()).toHaveLength(3);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('stops recording when the key is refused', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { fake, kit } = start({}, () => answer(401));
    await settle();
    expect(rr.stops).toBe(1);
    expect(kit.getSessionId()).toBeNull();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(fake.requests).toHaveLength(1);
  });

  it('never sets a cookie', async () => {
    const { kit } = start();
    emit(mouse());
    await kit.flush();
    expect(document.cookie).toBe('');
  });
});
