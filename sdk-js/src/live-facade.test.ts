import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLive } from './live';
import type { IngestAnswer } from './live-answer';
import { createLiveFacade, type LiveContext, type LiveLoader } from './live-facade';
import { resolveOptions } from './options';
import { OK, type Outcome } from './retry';
import { memoryStore } from './storage';
import { createSessionKit } from './sessionkit';
import { answer, createFakeTransport, liveAnswer, plain, settle } from './test-support/fake-transport';
import { emit, mouse, resetPage, stopAll } from './test-support/sessionkit-fixture';

vi.mock('@rrweb/record', () => import('./test-support/fake-rrweb'));

beforeEach(resetPage);
afterEach(stopAll);

const SESSION = 'a'.repeat(32);
const quiet: IngestAnswer = { live: null, takeFullSnapshot: false, consentRequested: false };
const watched: IngestAnswer = { live: 100, takeFullSnapshot: true, consentRequested: false };
/** The body of an ingest answer saying what hints says. */
const said = (hints: IngestAnswer) => liveAnswer(hints).body;

/** A facade over a fake core, with a loader the test resolves (or rejects) when it wants. */
function facade(options = {}) {
  const tabStore = memoryStore();
  const beat = vi.fn(() => true);
  const snapshot = vi.fn();
  const deliver = vi.fn(() => Promise.resolve<Outcome>({ kind: OK }));
  const ctx: LiveContext = {
    options: resolveOptions({ endpoint: 'https://sk.test', projectKey: 'pk', ...options }),
    tabStore,
    sessionId: () => SESSION,
    beat,
    snapshot,
    retimed: vi.fn(),
    deliver,
  };
  const pending: { resolve: () => void; reject: () => void }[] = [];
  const load = vi.fn<LiveLoader>(
    () => new Promise((resolve, reject) => pending.push({ resolve: () => resolve({ createLive }), reject: () => reject(new Error('blocked')) })),
  );
  return { beat, snapshot, deliver, tabStore, load, pending, live: createLiveFacade(ctx, load) };
}

describe('live mode facade', () => {
  it('loads nothing for answers that ask for nothing live, and keeps the heartbeat going meanwhile', async () => {
    const { beat, load, live } = facade();
    live.resume();
    live.answer(said(quiet));
    for (const text of [undefined, '<html>', 'null', '{"live":null,"consentRequested":"yes","takeFullSnapshot":1}']) live.answer(text);
    live.end();
    live.sent();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(beat).toHaveBeenCalledOnce();
    expect(load).not.toHaveBeenCalled();
    expect(live.flushIntervalMs()).toBeNull();
    live.stop();
  });

  it('loads once on the first live answer, then replays what came meanwhile in order and forwards from then on', async () => {
    const { snapshot, load, pending, live } = facade();
    live.answer(said(watched));
    live.answer(said({ ...watched, live: 250 }));
    expect(load).toHaveBeenCalledOnce();
    expect(live.flushIntervalMs()).toBeNull(); // the delay of one load
    pending[0]!.resolve();
    await settle();
    expect(live.flushIntervalMs()).toBe(250);
    expect(snapshot).toHaveBeenCalledOnce(); // the second ask came within 2 s of the first
    expect(document.querySelectorAll('sessionkit-ui')).toHaveLength(1);
    live.answer(said(quiet));
    expect(live.flushIntervalMs()).toBeNull();
    expect(document.querySelector('sessionkit-ui')).toBeNull();
    expect(load).toHaveBeenCalledOnce();
    live.stop();
  });

  it('loads for a consent request alone, and the request reaches the module', async () => {
    const { deliver, load, pending, live } = facade({ onLiveConsentRequest: () => true });
    live.answer(said({ ...quiet, consentRequested: true }));
    pending[0]!.resolve();
    await settle();
    expect(load).toHaveBeenCalledOnce();
    expect(deliver).toHaveBeenCalledWith(`/api/v1/sessions/${SESSION}/live-consent`, '{"granted":true}');
    live.stop();
  });

  it('loads on resume when the tab was live in this session a moment ago, not for another session', async () => {
    const other = facade();
    other.tabStore.set('sessionkit.live', `${'b'.repeat(32)}:100:${Date.now()}`);
    other.live.resume();
    expect(other.load).not.toHaveBeenCalled();

    const { tabStore, load, pending, live } = facade();
    tabStore.set('sessionkit.live', `${SESSION}:100:${Date.now()}`);
    live.resume();
    expect(load).toHaveBeenCalledOnce();
    pending[0]!.resolve();
    await settle();
    expect(live.flushIntervalMs()).toBe(100);
    live.stop();
  });

  it('starts nothing once stopped while loading', async () => {
    const { pending, live } = facade();
    live.answer(said(watched));
    live.stop();
    pending[0]!.resolve();
    await settle();
    expect(live.flushIntervalMs()).toBeNull();
    expect(document.querySelector('sessionkit-ui')).toBeNull();
  });

  it('warns when the module cannot be loaded, and tries again with the next answer that asks', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { load, pending, live } = facade();
    live.answer(said(watched));
    pending[0]!.reject();
    await settle();
    expect(warn).toHaveBeenCalledOnce();
    expect(live.flushIntervalMs()).toBeNull();
    live.answer(said(watched));
    expect(load).toHaveBeenCalledTimes(2);
    pending[1]!.resolve();
    await settle();
    expect(live.flushIntervalMs()).toBe(100);
    live.stop();
  });
});

describe('live mode in a session', () => {
  it('is never loaded while nobody watches, and is loaded by the first answer saying someone does', async () => {
    const fake = createFakeTransport((r) => (r.kind === 'create' ? answer(201) : answer(202)));
    const load = vi.fn<LiveLoader>(() => Promise.resolve({ createLive }));
    const kit = createSessionKit({ endpoint: 'https://sk.test', projectKey: 'pk', gzip: false, transport: fake.transport, announceTabs: false }, load);
    emit(mouse());
    await kit.flush();
    await vi.advanceTimersByTimeAsync(30_000); // heartbeats, answered without live hints
    expect(fake.events().length).toBeGreaterThan(3);
    expect(load).not.toHaveBeenCalled();

    fake.respondWith((r) => (r.kind === 'create' ? answer(201) : liveAnswer({ live: 100 })));
    emit(mouse());
    await kit.flush();
    await settle();
    expect(load).toHaveBeenCalledOnce();
    const sent = fake.events().length;
    emit(mouse());
    await vi.advanceTimersByTimeAsync(100); // streaming at the live interval
    expect(fake.events().slice(sent).map((r) => plain(r.body).events.length)).toEqual([1]);
    await kit.stop();
  });
});
