// Imports nothing of the SDK: the mock factory loads this while the SDK is being imported.
/**
 * A stand-in for rrweb's record(), installed with
 * `vi.mock('@rrweb/record', () => import('./test-support/fake-rrweb'))`: captures the options it
 * was started with and lets tests emit events.
 */
export const rr = {
  options: [] as Record<string, unknown>[],
  emit: null as ((event: unknown) => void) | null,
  stops: 0,
  snapshots: 0,
};

export const record = Object.assign(
  (options: { emit: (event: unknown) => void }) => {
    rr.options.push(options);
    rr.emit = options.emit;
    return () => {
      rr.stops++;
      rr.emit = null;
    };
  },
  {
    addCustomEvent: (tag: string, payload: unknown) => {
      if (!rr.emit) throw new Error('please add custom event after start recording');
      rr.emit({ type: 5, timestamp: Date.now(), data: { tag, payload } });
    },
    takeFullSnapshot: () => {
      rr.snapshots++;
      rr.emit?.({ type: 4, timestamp: Date.now(), data: { href: location.href } });
      rr.emit?.({ type: 2, timestamp: Date.now(), data: { node: {} } });
    },
  },
);
