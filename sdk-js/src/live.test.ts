import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseAnswer } from './live-answer';
import { answer, liveAnswer, liveServer, plain, settle, type Responder } from './test-support/fake-transport';
import { emit, MINUTE, mouse, mutation, resetPage, start, stopAll } from './test-support/sessionkit-fixture';
import { rr } from './test-support/fake-rrweb';
import type { TransportResponse } from './transport';

vi.mock('@rrweb/record', () => import('./test-support/fake-rrweb'));

beforeEach(resetPage);
afterEach(stopAll);

const batches = (fake: ReturnType<typeof start>['fake']) => fake.events().map((r) => plain(r.body));
const visibility = (state: 'hidden' | 'visible') => {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(state);
  document.dispatchEvent(new Event('visibilitychange'));
};

/** Batches wait for the test to answer them (until open()); session starts answer at once. */
function heldServer() {
  const held: ((response: TransportResponse) => void)[] = [];
  let open = false;
  const responder: Responder = (r) =>
    r.kind === 'create' || open ? answer(r.kind === 'create' ? 201 : 202) : new Promise<TransportResponse>((resolve) => held.push(resolve));
  // Called at the end of a test, so that stop() can drain the queue.
  const release = () => {
    open = true;
    for (const resolve of held.splice(0)) resolve(answer(202));
  };
  return { held, responder, release };
}

describe('parseAnswer', () => {
  it('reads an older server answer as not live', () => {
    const quiet = { live: null, takeFullSnapshot: false, consentRequested: false };
    expect(parseAnswer('{"seq":3,"duplicate":false}')).toEqual(quiet);
    expect(parseAnswer(undefined)).toEqual(quiet);
    expect(parseAnswer('<html>')).toEqual(quiet);
    expect(parseAnswer('null')).toEqual(quiet);
  });

  it('takes the server flush interval, 100 ms by default and never below 50 ms', () => {
    expect(parseAnswer('{"live":{"viewers":2,"flushIntervalMs":250},"takeFullSnapshot":true}')).toEqual({
      live: 250,
      takeFullSnapshot: true,
      consentRequested: false,
    });
    expect(parseAnswer('{"live":{"viewers":1}}').live).toBe(100);
    expect(parseAnswer('{"live":{"flushIntervalMs":"fast"}}').live).toBe(100);
    expect(parseAnswer('{"live":{"flushIntervalMs":10}}').live).toBe(50);
    expect(parseAnswer('{"consentRequested":"yes"}').consentRequested).toBe(false);
  });
});

describe('live flushing', () => {
  it('flushes every live.flushIntervalMs while watched, then goes back to normal batching', async () => {
    const server = liveServer({ live: 100 });
    const { fake } = start({ flushIntervalMs: 5_000 }, server.responder);
    emit(mouse());
    await vi.advanceTimersByTimeAsync(5_000); // not live yet: the normal interval
    expect(batches(fake)).toHaveLength(1);

    emit(mouse());
    await vi.advanceTimersByTimeAsync(99);
    expect(batches(fake)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches(fake)).toHaveLength(2);

    server.hints.live = null;
    emit(mouse());
    await vi.advanceTimersByTimeAsync(100); // this batch's answer ends live mode
    expect(batches(fake)).toHaveLength(3);
    emit(mouse());
    await vi.advanceTimersByTimeAsync(4_999);
    expect(batches(fake)).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches(fake).map((b) => b.seq)).toEqual([0, 1, 2, 3]);
  });

  it('sends a batch already waiting on the normal interval soon after live mode starts', async () => {
    const { held, responder, release } = heldServer();
    const { fake, kit } = start({}, responder);
    emit(mouse());
    void kit.flush();
    await settle();
    emit(mouse()); // waits for the 5 s interval
    held.shift()!(liveAnswer({ live: 100 }));
    await vi.advanceTimersByTimeAsync(100);
    expect(batches(fake)).toHaveLength(2);
    release();
  });

  it('keeps one batch in flight while live, gathering what happens meanwhile into the next', async () => {
    const { held, responder, release } = heldServer();
    const { fake, kit } = start({}, responder);
    emit(mouse());
    void kit.flush();
    await settle();
    held.shift()!(liveAnswer({ live: 100 }));
    emit(mouse());
    await vi.advanceTimersByTimeAsync(100);
    expect(batches(fake)).toHaveLength(2); // in flight, unanswered

    for (let i = 0; i < 5; i++) {
      emit(mutation());
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(batches(fake)).toHaveLength(2);
    held.shift()!(liveAnswer({ live: 100 }));
    await vi.advanceTimersByTimeAsync(100);
    expect(batches(fake).map((b) => [b.seq, b.events.length])).toEqual([
      [0, 1],
      [1, 1],
      [2, 5],
    ]);
    release();
  });
});

describe('heartbeat', () => {
  it('sends an empty batch after liveCheckIntervalMs without any batch, and none while batches flow', async () => {
    const { fake } = start({ flushIntervalMs: 1_000 });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(batches(fake)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches(fake)).toEqual([{ seq: 0, events: [] }]);

    await vi.advanceTimersByTimeAsync(2_000);
    emit(mouse());
    await vi.advanceTimersByTimeAsync(1_000); // sent at 8 s: the next heartbeat waits until 13 s
    await vi.advanceTimersByTimeAsync(4_999);
    expect(batches(fake).map((b) => b.events.length)).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches(fake).map((b) => b.events.length)).toEqual([0, 1, 0]);
  });

  it('brings an idle tab into live mode when a viewer joins', async () => {
    const server = liveServer();
    const { fake } = start({}, server.responder);
    await vi.advanceTimersByTimeAsync(5_000);
    server.hints.live = 100;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(batches(fake)).toHaveLength(2);
    emit(mouse());
    await vi.advanceTimersByTimeAsync(100);
    expect(batches(fake)).toHaveLength(3);
  });

  it('stops while the page is hidden and starts again when it shows', async () => {
    const { fake } = start();
    await settle();
    visibility('hidden');
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(batches(fake)).toHaveLength(0);
    emit(mutation()); // a hidden page still changes now and then
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(batches(fake).map((b) => b.events.length)).toEqual([1]);
    visibility('visible');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(batches(fake).map((b) => b.events.length)).toEqual([1, 0]);
  });

  it('stops once the session is idle past sessionTimeoutMs, and with liveCheckIntervalMs 0', async () => {
    const { fake } = start();
    await vi.advanceTimersByTimeAsync(31 * MINUTE);
    const sent = batches(fake).length;
    expect(sent).toBeGreaterThanOrEqual(359);
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(batches(fake)).toHaveLength(sent);
    emit(mouse()); // a new session, whose first batch starts the heartbeat again
    await vi.advanceTimersByTimeAsync(10_000);
    expect(batches(fake).slice(sent).map((b) => [b.seq, b.events.length])).toEqual([
      [0, 2],
      [1, 0],
    ]);

    await stopAll();
    resetPage();
    const off = start({ liveCheckIntervalMs: 0 });
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(off.fake.events()).toHaveLength(0);
  });

  it('adds nothing to a queue that is waiting for the server', async () => {
    const { held, responder, release } = heldServer();
    const { fake } = start({}, responder);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(held).toHaveLength(1);
    release();
    await settle();
    expect(batches(fake)).toHaveLength(1); // nothing piled up behind it
    await vi.advanceTimersByTimeAsync(5_000);
    expect(batches(fake)).toHaveLength(2);
  });
});

describe('takeFullSnapshot', () => {
  it('takes a snapshot when asked, sends it at once, and at most once per 2 s', async () => {
    const server = liveServer({ live: 100, takeFullSnapshot: true });
    const { fake, kit } = start({}, server.responder);
    emit(mouse());
    await kit.flush();
    expect(rr.snapshots).toBe(1);
    // The snapshot went out right away, and its own answer (asking again) was ignored.
    expect(batches(fake).map((b) => b.events.map((e) => e.type))).toEqual([[3], [4, 2]]);

    await vi.advanceTimersByTimeAsync(1_500);
    emit(mouse());
    await kit.flush();
    expect(rr.snapshots).toBe(1);

    await vi.advanceTimersByTimeAsync(500);
    emit(mouse());
    await kit.flush();
    expect(rr.snapshots).toBe(2);
  });

  it('takes none unless asked', async () => {
    const { kit } = start({}, liveServer({ live: 100 }).responder);
    emit(mouse());
    await kit.flush();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(rr.snapshots).toBe(0);
  });
});

describe('live across page loads', () => {
  const saved = () => sessionStorage.getItem('sessionkit.live');
  const snapshot = () => {
    emit({ type: 4, timestamp: Date.now(), data: { href: location.href } });
    emit({ type: 2, timestamp: Date.now(), data: { node: {} } });
  };
  /** A page of the tab whose last answer said someone watches; the next page starts `gapMs` later. */
  async function leaveWatchedPage(gapMs: number, init = {}) {
    const first = start(init, liveServer({ live: 100 }).responder);
    emit(mouse());
    await first.kit.flush();
    window.dispatchEvent(new Event('pagehide'));
    await settle();
    await vi.advanceTimersByTimeAsync(gapMs);
    document.body.innerHTML = ''; // the next page's document
    return first.kit.getSessionId();
  }

  it('remembers what every answer says about live mode in the tab, and forgets it on live null', async () => {
    const server = liveServer({ live: 250 });
    const { kit } = start({}, server.responder);
    expect(saved()).toBeNull();
    emit(mouse());
    await kit.flush();
    expect(saved()).toBe(`${kit.getSessionId()}:250:${Date.now()}`);
    await vi.advanceTimersByTimeAsync(1_000);
    emit(mouse());
    await kit.flush();
    expect(saved()).toBe(`${kit.getSessionId()}:250:${Date.now()}`);

    server.hints.live = null;
    emit(mouse());
    await kit.flush();
    expect(saved()).toBeNull();
  });

  it('starts the next page of a session watched a moment ago live: badge once live mode loaded, snapshot sent promptly', async () => {
    const id = await leaveWatchedPage(4_000);
    const { fake, kit } = start({}, liveServer({ live: 100 }).responder);
    expect(kit.getSessionId()).toBe(id);
    await settle(); // live mode loads (the fixture's loader takes a few microtasks)
    expect(document.querySelectorAll('sessionkit-ui')).toHaveLength(1); // the badge, before any answer
    snapshot();
    await vi.advanceTimersByTimeAsync(99);
    expect(batches(fake)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches(fake).map((b) => b.events.map((e) => e.type))).toEqual([[4, 2]]);
    // Still streaming until an answer says otherwise.
    emit(mouse());
    await vi.advanceTimersByTimeAsync(100);
    expect(batches(fake)).toHaveLength(2);
  });

  it('ignores a live state that is stale or belongs to another session', async () => {
    await leaveWatchedPage(10_000);
    const stale = start();
    expect(document.querySelector('sessionkit-ui')).toBeNull();
    snapshot();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(batches(stale.fake)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches(stale.fake)).toHaveLength(1);

    await stopAll();
    resetPage();
    sessionStorage.setItem('sessionkit.live', `${'0'.repeat(32)}:100:${Date.now()}`);
    const other = start();
    snapshot();
    await vi.advanceTimersByTimeAsync(100);
    expect(batches(other.fake)).toHaveLength(0);
  });

  it('keeps a slower heartbeat from making the state stale: it counts as fresh for two heartbeats', async () => {
    await leaveWatchedPage(25_000, { liveCheckIntervalMs: 30_000 });
    const { fake } = start({ liveCheckIntervalMs: 30_000 });
    snapshot();
    await vi.advanceTimersByTimeAsync(100);
    expect(batches(fake)).toHaveLength(1);
  });

  it('sends everything at once on pagehide while live, the batch in flight included', async () => {
    const { held, responder, release } = heldServer();
    const { fake, kit } = start({}, responder);
    emit(mouse());
    void kit.flush();
    await settle();
    held.shift()!(liveAnswer({ live: 100 }));
    emit(mouse());
    await vi.advanceTimersByTimeAsync(100); // seq 1 in flight
    emit(mutation());
    window.dispatchEvent(new Event('pagehide'));
    const unload = fake.events().filter((r) => r.keepalive);
    expect(unload.map((r) => [plain(r.body).seq, plain(r.body).events.length])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    release();
  });
});
