import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../api/live-hub-contract';
import { elapsedMs, formatIdle, formatLag, liveBaseline, LiveStream, type LiveReplayer } from './live-stream';

const T = 1_700_000_000_000;
const meta = (ts: number, href = 'https://shop.example.com/'): RecordedEvent => ({ type: 4, timestamp: ts, data: { href, width: 1280, height: 720 } });
const full = (ts: number): RecordedEvent => ({ type: 2, timestamp: ts, data: { node: {} } });
const inc = (ts: number, id = ts): RecordedEvent => ({ type: 3, timestamp: ts, data: { source: 1, id } });

function harness(start = T + 10_000) {
  let now = start;
  const log: string[] = [];
  const replayers: Array<{ started: number | null; events: RecordedEvent[]; destroyed: boolean }> = [];
  const stream = new LiveStream({
    bufferMs: 500,
    now: () => now,
    createReplayer: (): LiveReplayer => {
      const record = { started: null as number | null, events: [] as RecordedEvent[], destroyed: false };
      replayers.push(record);
      log.push('create');
      return {
        startLive: (time) => {
          record.started = time;
          log.push(`start ${time}`);
        },
        addEvent: (event) => {
          record.events.push(event);
          log.push(`add ${event.type}@${event.timestamp}`);
        },
        destroy: () => {
          record.destroyed = true;
          log.push('destroy');
        },
      };
    },
  });
  /** Moves the receiving side's clock. */
  const at = (time: number) => (now = time);
  return { stream, replayers, log, at };
}

describe('LiveStream', () => {
  it('buffers an empty catch-up and later batches until a full snapshot, then feeds the replayer in order', () => {
    const { stream, replayers, log } = harness();
    expect(stream.receive({ seq: 7, events: [] })).toBe('applied');
    expect(stream.phase).toBe('awaiting-snapshot');
    expect(stream.receive({ seq: 8, events: [inc(T + 1)] })).toBe('applied');
    expect(replayers).toHaveLength(0);

    // The snapshot the server asked for arrives, with an event sent slightly out of order.
    expect(stream.receive({ seq: 9, events: [meta(T + 5), full(T + 5), inc(T + 7), inc(T + 6)] })).toBe('applied');
    expect(stream.phase).toBe('playing');
    expect(log).toEqual(['create', `start ${T + 10_000 - 500}`, `add 4@${T + 5}`, `add 2@${T + 5}`, `add 3@${T + 6}`, `add 3@${T + 7}`]);

    expect(stream.receive({ seq: 10, events: [inc(T + 8)] })).toBe('applied');
    expect(replayers[0]!.events.map((e) => e.timestamp)).toEqual([T + 5, T + 5, T + 6, T + 7, T + 8]);
    expect(stream.newestTimestamp).toBe(T + 8);
  });

  it('starts at once from a catch-up that begins with the snapshot', () => {
    const { stream, replayers } = harness();
    stream.receive({ seq: 3, events: [meta(T), full(T), inc(T + 100)] });
    expect(replayers).toHaveLength(1);
    expect(replayers[0]!.events.map((e) => e.type)).toEqual([4, 2, 3]);
  });

  it('ignores messages of a previous watch that arrive before the catch-up', () => {
    const { stream, replayers } = harness();
    expect(stream.receive({ seq: 41, events: [inc(T)] })).toBe('ignored');
    expect(stream.lastSeq).toBeNull();
    expect(stream.receive({ seq: 42, events: [meta(T + 1), full(T + 1)] })).toBe('applied');
    expect(replayers).toHaveLength(1);
    expect(stream.lastSeq).toBe(42);
  });

  it('reports a seq gap, destroys the replayer and waits for a new catch-up', () => {
    const { stream, replayers } = harness();
    stream.receive({ seq: 1, events: [meta(T), full(T)] });
    expect(stream.receive({ seq: 3, events: [inc(T + 5)] })).toBe('gap');
    expect(replayers[0]!.destroyed).toBe(true);
    expect(replayers[0]!.events.some((e) => e.timestamp === T + 5)).toBe(false);
    expect(stream.phase).toBe('awaiting-catch-up');

    stream.receive({ seq: 3, events: [meta(T + 5), full(T + 5)] });
    expect(replayers).toHaveLength(2);
  });

  it('treats a repeated seq as a gap too', () => {
    const { stream } = harness();
    stream.receive({ seq: 1, events: [meta(T), full(T)] });
    expect(stream.receive({ seq: 1, events: [inc(T + 1)] })).toBe('gap');
  });

  it('follows the visitor across pages: a new Meta and FullSnapshot are just added', () => {
    const { stream, replayers } = harness();
    stream.receive({ seq: 1, events: [meta(T, 'https://shop.example.com/cart'), full(T)] });
    expect(stream.currentUrl).toBe('https://shop.example.com/cart');
    stream.receive({ seq: 2, events: [meta(T + 50, 'https://shop.example.com/pay'), full(T + 50)] });
    expect(replayers).toHaveLength(1);
    expect(replayers[0]!.events.map((e) => e.type)).toEqual([4, 2, 4, 2]);
    expect(stream.currentUrl).toBe('https://shop.example.com/pay');
  });

  it('drops what precedes the Meta of the first snapshot', () => {
    const { stream, replayers } = harness();
    stream.receive({ seq: 1, events: [] });
    stream.receive({ seq: 2, events: [inc(T), meta(T + 1), inc(T + 2), full(T + 3)] });
    expect(replayers[0]!.events.map((e) => e.timestamp)).toEqual([T + 1, T + 2, T + 3]);
  });

  it('reset destroys the replayer and forgets the sequence', () => {
    const { stream, replayers } = harness();
    stream.receive({ seq: 5, events: [meta(T), full(T)] });
    stream.reset();
    expect(replayers[0]!.destroyed).toBe(true);
    expect(stream.lastSeq).toBeNull();
    expect(stream.receive({ seq: 9, events: [meta(T + 9), full(T + 9)] })).toBe('applied');
  });
});

describe('liveBaseline', () => {
  it('runs bufferMs behind now, or behind the newest event when the visitor clock is ahead', () => {
    expect(liveBaseline(T - 60_000, T, 500)).toBe(T - 500);
    expect(liveBaseline(T + 2_000, T, 500)).toBe(T + 1_500);
  });
});

describe('lag', () => {
  it('is measured when a batch arrives: arrival minus the newest event in it', () => {
    const { stream, at } = harness();
    at(T + 60_000);
    stream.receive({ seq: 1, events: [meta(T), full(T)] }); // the catch-up: as old as the visitor is idle
    expect(stream.lagMs).toBeNull();
    at(T + 61_000);
    stream.receive({ seq: 2, events: [inc(T + 60_880), inc(T + 60_750)] });
    expect(stream.lagMs).toBe(120);
  });

  it('keeps the last measured value through heartbeats and idle time', () => {
    const { stream, at } = harness();
    stream.receive({ seq: 1, events: [meta(T), full(T)] });
    at(T + 20_300);
    stream.receive({ seq: 2, events: [inc(T + 20_000)] });
    at(T + 45_000);
    stream.receive({ seq: 3, events: [] });
    stream.receive({ seq: 4, events: [] });
    expect(stream.lagMs).toBe(300);
    expect(stream.newestTimestamp).toBe(T + 20_000);
  });

  it('is never negative when the visitor clock runs ahead', () => {
    const { stream, at } = harness();
    stream.receive({ seq: 1, events: [meta(T), full(T)] });
    at(T + 100);
    stream.receive({ seq: 2, events: [inc(T + 2_000)] });
    expect(stream.lagMs).toBe(0);
  });

  it('reads as "lag 120 ms"', () => {
    expect(formatLag(120)).toBe('lag 120 ms');
    expect(formatLag(null)).toBe('lag —');
  });
});

describe('idle', () => {
  it('is the time since the newest event, shown in seconds once it passes 3 s', () => {
    expect(elapsedMs(T + 12_400, T)).toBe(12_400);
    expect(elapsedMs(T - 50, T)).toBe(0);
    expect(elapsedMs(T, null)).toBeNull();
    expect(formatIdle(12_400)).toBe('idle 12 s');
    expect(formatIdle(3_001)).toBe('idle 3 s');
    expect(formatIdle(3_000)).toBeNull();
    expect(formatIdle(null)).toBeNull();
  });
});
