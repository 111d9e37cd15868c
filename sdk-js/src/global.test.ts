import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as SessionKit from './global';
import { createFakeTransport } from './test-support/fake-transport';

vi.mock('@rrweb/record', () => ({ record: Object.assign(() => () => undefined, { takeFullSnapshot: () => undefined }) }));

const options = () => ({ endpoint: 'https://sk.test', projectKey: 'pk', transport: createFakeTransport().transport });

beforeEach(() => sessionStorage.clear());
afterEach(() => SessionKit.stop());

describe('script-tag global', () => {
  it('exposes init, stop, flush and getSessionId', () => {
    expect(Object.keys(SessionKit)).toEqual(expect.arrayContaining(['init', 'stop', 'flush', 'getSessionId', 'createSessionKit']));
  });

  it('has no session before init and after stop', async () => {
    expect(SessionKit.getSessionId()).toBeNull();
    SessionKit.init(options());
    expect(SessionKit.getSessionId()).toMatch(/^[0-9a-f]{32}$/);
    await SessionKit.stop();
    expect(SessionKit.getSessionId()).toBeNull();
    await expect(SessionKit.flush()).resolves.toBeUndefined();
  });

  it('keeps the first configuration when init is called twice', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const first = SessionKit.init(options());
    const second = SessionKit.init({ ...options(), sampleRate: 0 });
    expect(second).toBe(first);
    expect(warn).toHaveBeenCalledOnce();
  });
});
