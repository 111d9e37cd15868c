import { afterEach, describe, expect, it } from 'vitest';
import { captureErrors, type CapturedError } from './errors';

let listening: AbortController | undefined;
const stop = () => listening?.abort();
afterEach(stop);

function capture(): CapturedError[] {
  const seen: CapturedError[] = [];
  listening = new AbortController();
  captureErrors((error) => seen.push(error), { signal: listening.signal });
  return seen;
}

function rejection(reason: unknown): Event {
  // jsdom has no PromiseRejectionEvent constructor; the listener only reads `reason`.
  return Object.assign(new Event('unhandledrejection'), { reason, promise: Promise.resolve() });
}

describe('captureErrors', () => {
  it('reports an uncaught error with its message, stack and time', () => {
    const seen = capture();
    const error = new TypeError('cart is undefined');
    const before = Date.now();

    window.dispatchEvent(new ErrorEvent('error', { error, message: 'Uncaught TypeError: cart is undefined' }));

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: 'error', message: 'TypeError: cart is undefined', stack: error.stack });
    expect(seen[0]!.time).toBeGreaterThanOrEqual(before);
  });

  it('reports unhandled rejections, with or without an Error', () => {
    const seen = capture();

    window.dispatchEvent(rejection(new Error('payment failed')));
    window.dispatchEvent(rejection({ code: 42 }));

    expect(seen.map((error) => [error.kind, error.message])).toEqual([
      ['unhandledrejection', 'Error: payment failed'],
      ['unhandledrejection', 'Unhandled rejection'],
    ]);
  });

  it('ignores resource load failures, stops when asked and caps a flood', () => {
    const seen = capture();
    window.dispatchEvent(new Event('error'));
    expect(seen).toHaveLength(0);

    for (let i = 0; i < 80; i++) window.dispatchEvent(new ErrorEvent('error', { message: `boom ${i}` }));
    expect(seen).toHaveLength(50);
    expect(seen[0]!.message).toBe('boom 0');

    stop();
    capture();
    const later = seen.length;
    window.dispatchEvent(new ErrorEvent('error', { message: 'after stop' }));
    expect(seen).toHaveLength(later);
  });
});
