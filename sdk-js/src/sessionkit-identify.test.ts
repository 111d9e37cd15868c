import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { plain, started } from './test-support/fake-transport';
import { emit, mouse, resetPage, start, stopAll } from './test-support/sessionkit-fixture';

vi.mock('@rrweb/record', () => import('./test-support/fake-rrweb'));

beforeEach(resetPage);
afterEach(stopAll);

const tagged = (body: Parameters<typeof plain>[0], tag: string) =>
  plain(body).events.filter((e) => e.type === 5 && (e.data as { tag?: string }).tag === tag).map((e) => (e.data as { payload: unknown }).payload);

describe('identify and reset', () => {
  it('sends identify as a custom event in the recording, in order', async () => {
    const { fake, kit } = start();
    emit(mouse());
    kit.identify('ada', { plan: 'pro' });
    emit(mouse());
    await kit.flush();

    const [batch] = fake.events();
    expect(plain(batch!.body).events.map((e) => e.type)).toEqual([3, 5, 3]);
    expect(tagged(batch!.body, 'sessionkit/identify')).toEqual([{ userId: 'ada', traits: { plan: 'pro' } }]);
  });

  it('warns and sends nothing for a bad user id', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { fake, kit } = start();
    kit.identify('');
    await kit.flush();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(fake.events()).toHaveLength(0);
  });

  it('sends nothing for a session that is not recorded', async () => {
    const { fake, kit } = start({ sampleRate: 0 });
    kit.identify('ada');
    await kit.flush();
    expect(fake.requests).toHaveLength(0);
  });

  it('reset starts a new session of a new anonymous visitor', async () => {
    const { fake, kit } = start();
    kit.identify('ada');
    await kit.flush();
    const before = kit.getSessionId();

    kit.reset();
    emit(mouse());
    await kit.flush();

    const [first, second] = fake.creates().map((create) => started(create.body));
    expect(second!.id).toBe(kit.getSessionId());
    expect(second!.id).not.toBe(before);
    expect(second!.visitorId).toMatch(/^v-/);
    expect(second!.visitorId).not.toBe(first!.visitorId);
    expect(localStorage.getItem('sessionkit.visitor')).toBe(second!.visitorId);
  });

  it('a reset in another tab of the device starts a new session of its new visitor here too', async () => {
    const { fake, kit } = start();
    await kit.flush();
    const before = kit.getSessionId();
    const next = `v-${'a'.repeat(32)}`;

    // What the other tab's reset wrote reaches this one as a storage event.
    localStorage.setItem('sessionkit.visitor', next);
    window.dispatchEvent(new StorageEvent('storage', { key: 'sessionkit.visitor', newValue: next }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'sessionkit.visitor', newValue: next }));
    emit(mouse());
    await kit.flush();

    const creates = fake.creates().map((create) => started(create.body));
    expect(creates).toHaveLength(2);
    expect(creates[1]!.id).toBe(kit.getSessionId());
    expect(creates[1]!.id).not.toBe(before);
    expect(creates[1]!.visitorId).toBe(next);
  });

  it('ignores storage events of other keys, and a visitor id removed', async () => {
    const { fake, kit } = start();
    await kit.flush();
    window.dispatchEvent(new StorageEvent('storage', { key: 'sessionkit.visitor', newValue: null }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'other', newValue: `v-${'b'.repeat(32)}` }));
    emit(mouse());
    await kit.flush();
    expect(fake.creates()).toHaveLength(1);
  });

  it('in storage-less mode sends no visitor id and keeps nothing in storage', async () => {
    const { fake, kit } = start({ storage: false, announceTabs: true });
    kit.identify('ada');
    await kit.flush();
    expect(started(fake.creates()[0]!.body).visitorId ?? null).toBeNull();
    expect(tagged(fake.events()[0]!.body, 'sessionkit/identify')).toEqual([{ userId: 'ada', traits: {} }]);
    expect(localStorage.length + sessionStorage.length).toBe(0);
  });

  it('announces the tab opening and closing in the recording', async () => {
    const { fake, kit } = start({ announceTabs: true });
    window.dispatchEvent(new Event('pagehide'));
    await kit.flush();
    const kinds = fake.events().flatMap((r) => tagged(r.body, 'sessionkit/tab')).map((p) => (p as { kind: string }).kind);
    expect(kinds).toEqual(['opened', 'focused', 'closed']);
  });

  it('reset closes the tab in the old session and opens it in the new one', async () => {
    const { fake, kit } = start({ announceTabs: true });
    const before = kit.getSessionId();
    kit.reset();
    await kit.flush();
    const kinds = (sessionId: string | null) =>
      fake.events().filter((r) => r.sessionId === sessionId).flatMap((r) => tagged(r.body, 'sessionkit/tab')).map((p) => (p as { kind: string }).kind);
    expect(kinds(before)).toEqual(['opened', 'focused', 'closed']);
    expect(kinds(kit.getSessionId())).toEqual(['opened', 'focused']);
  });
});
