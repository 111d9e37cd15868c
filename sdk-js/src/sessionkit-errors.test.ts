import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSessionKit, type SessionKit } from './index';
import { createFakeTransport, plain } from './test-support/fake-transport';

// Real rrweb: the error reaches the server as a custom event in the same stream as the clicks.
let kit: SessionKit | null = null;
beforeEach(() => {
  sessionStorage.clear();
  document.body.innerHTML = '<button id="pay">Pay now</button>';
});
afterEach(async () => {
  await kit?.stop();
  kit = null;
});

it('sends uncaught errors and rejections as sessionkit/error custom events', async () => {
  const fake = createFakeTransport();
  kit = createSessionKit({ endpoint: 'https://sk.test', projectKey: 'pk', gzip: false, transport: fake.transport });

  window.dispatchEvent(new ErrorEvent('error', { error: new TypeError('cart is undefined'), message: 'Uncaught TypeError' }));
  window.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: new Error('payment failed') }));
  await kit.stop();
  kit = null;

  const events = fake.events().flatMap((request) => plain(request.body).events) as { type: number; data: { tag?: string; payload?: Record<string, unknown> } }[];
  const errors = events.filter((event) => event.type === 5 && event.data.tag === 'sessionkit/error');
  expect(errors.map((event) => [event.data.payload?.kind, event.data.payload?.message])).toEqual([
    ['error', 'TypeError: cart is undefined'],
    ['unhandledrejection', 'Error: payment failed'],
  ]);
  expect(typeof errors[0]!.data.payload?.stack).toBe('string');
  expect(typeof errors[0]!.data.payload?.time).toBe('number');
});
