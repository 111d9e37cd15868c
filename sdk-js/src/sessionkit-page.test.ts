import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionKitInit } from './options';
import { answer, plain, settle } from './test-support/fake-transport';
import { emit, mouse, mutation, resetPage, start, stopAll } from './test-support/sessionkit-fixture';
import { rr } from './test-support/fake-rrweb';

vi.mock('@rrweb/record', () => import('./test-support/fake-rrweb'));

beforeEach(resetPage);
afterEach(stopAll);

describe('leaving the page', () => {
  it('sends by keepalive fetch when the tab is hidden', async () => {
    const { fake } = start({}, (r) => (r.keepalive ? answer(202) : answer(201)));
    await settle();
    emit(mouse());
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    const sent = fake.events();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.keepalive).toBe(true);
    expect(sent[0]!.url).toMatch(/\/events\?key=pk_test$/);
  });

  it('sends a large batch by sendBeacon on pagehide', async () => {
    const { fake } = start();
    await settle();
    emit(mutation('b'.repeat(100_000)));
    window.dispatchEvent(new Event('pagehide'));
    expect(fake.beacons).toHaveLength(1);
    expect(plain(fake.beacons[0]!.body).seq).toBe(0);
  });
});

describe('privacy options handed to rrweb', () => {
  it('masks every input, passwords included, and blocks .sk-block by default', () => {
    start();
    expect(rr.options[0]).toMatchObject({
      maskAllInputs: true,
      maskInputOptions: { password: true },
      blockSelector: '.sk-block,[data-sk-block]',
      maskTextSelector: '.sk-mask,[data-sk-mask]',
      recordCanvas: false,
      collectFonts: false,
      inlineImages: false,
    });
  });

  it('hands rrweb none of its own options that an untyped page passes, and no masking turned off', () => {
    // Script-tag pages pass plain objects: rrweb's names are no SessionKit option.
    start({ maskTextClass: 'none', packFn: () => 'packed', recordCrossOriginIframes: true, maskTextSelector: '' } as Partial<SessionKitInit>);
    expect(rr.options[0]).not.toHaveProperty('maskTextClass');
    expect(rr.options[0]).not.toHaveProperty('packFn');
    expect(rr.options[0]).toMatchObject({ recordCrossOriginIframes: false, maskTextSelector: undefined, slimDOMOptions: 'all' });
  });

  it('keeps passwords masked, length hidden, when a site turns maskAllInputs off', () => {
    start({ maskAllInputs: false, maskInputOptions: { password: false, email: true } });
    const options = rr.options[0] as { maskInputOptions: object; maskInputFn: (text: string, el: HTMLElement) => string };
    expect(options.maskInputOptions).toEqual({ password: true, email: true });
    const password = Object.assign(document.createElement('input'), { type: 'password' });
    expect(options.maskInputFn('hunter2hunter2', password)).toBe('********');
    expect(options.maskInputFn('a@b.c', document.createElement('input'))).toBe('*****');
  });
});
