import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventsDecoder } from '../../api/types';
import { decode } from '../../api/decode';
import { checkReplayable, recordedViewport, sortEventsByTimestamp } from './sort-events';

// The repository's shared/ folder sits beside the checkout (house rule: real data is read, never copied).
const recordings = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/fixtures/recordings');
const fixture = (name: string) => decode(eventsDecoder, JSON.parse(readFileSync(resolve(recordings, name), 'utf8')));

describe('sortEventsByTimestamp', () => {
  it('orders by timestamp', () => {
    const sorted = sortEventsByTimestamp([
      { type: 3, timestamp: 30 },
      { type: 4, timestamp: 10 },
      { type: 2, timestamp: 20 },
    ]);
    expect(sorted.map((e) => e.timestamp)).toEqual([10, 20, 30]);
  });

  it('keeps arrival order for equal timestamps (stable)', () => {
    const events = [
      { type: 3, timestamp: 5, id: 'late' },
      { type: 4, timestamp: 1, id: 'meta' },
      { type: 2, timestamp: 1, id: 'full' },
      { type: 3, timestamp: 1, id: 'inc' },
    ];
    expect(sortEventsByTimestamp(events).map((e) => e.id)).toEqual(['meta', 'full', 'inc', 'late']);
  });

  it('does not modify its input', () => {
    const events = [
      { type: 3, timestamp: 2 },
      { type: 3, timestamp: 1 },
    ];
    sortEventsByTimestamp(events);
    expect(events.map((e) => e.timestamp)).toEqual([2, 1]);
  });

  it('puts the out-of-order real recording in time order with its full snapshot first', () => {
    const events = fixture('bard-rr-party-demo.json');
    const arrival = events.findIndex((e) => e.type === 2);
    expect(arrival).toBeGreaterThan(0); // the fixture is stored out of order

    const sorted = sortEventsByTimestamp(events);
    expect(sorted).toHaveLength(events.length);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i]!.timestamp).toBeGreaterThanOrEqual(sorted[i - 1]!.timestamp);
    }
    const firstSnapshot = sorted.findIndex((e) => e.type === 2);
    expect(sorted.slice(0, firstSnapshot).every((e) => e.type === 4)).toBe(true);
  });
});

describe('checkReplayable', () => {
  it('needs a full snapshot', () => {
    expect(checkReplayable([])).toEqual({ ok: false, reason: 'no-events' });
    expect(checkReplayable([{ type: 4, timestamp: 1 }, { type: 3, timestamp: 2 }])).toEqual({
      ok: false,
      reason: 'no-full-snapshot',
    });
    expect(checkReplayable([{ type: 2, timestamp: 1 }])).toEqual({ ok: false, reason: 'too-few-events' });
    expect(checkReplayable([{ type: 4, timestamp: 1 }, { type: 2, timestamp: 1 }])).toEqual({ ok: true });
  });

  it('accepts every real recording', () => {
    for (const name of ['rrweb-player-demoit.json', 'bard-rr-party-demo.json', 'jupyterlite-lbruand.json']) {
      expect(checkReplayable(sortEventsByTimestamp(fixture(name))), name).toEqual({ ok: true });
    }
  });
});

describe('recordedViewport', () => {
  it('reads the first meta event with a size', () => {
    expect(
      recordedViewport([
        { type: 4, timestamp: 1, data: { href: 'x' } },
        { type: 4, timestamp: 2, data: { width: 1280, height: 720 } },
      ]),
    ).toEqual({ width: 1280, height: 720 });
    expect(recordedViewport([{ type: 2, timestamp: 1 }])).toBeNull();
  });
});
