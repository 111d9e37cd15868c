import type { LiveBatch, RecordedEvent } from '../../api/live-hub-contract';
import { EventType, sortEventsByTimestamp } from '../replay/sort-events';

/** What the live view needs from rrweb's Replayer (injectable, so tests need no rrweb). */
export interface LiveReplayer {
  startLive(baselineTime: number): void;
  addEvent(event: RecordedEvent): void;
  destroy(): void;
}

export type StreamPhase =
  /** Watch (re)issued: the next message is the catch-up. */
  | 'awaiting-catch-up'
  /** Catch-up received, but no full snapshot yet (the server asked the SDK for one). */
  | 'awaiting-snapshot'
  /** The replayer is running. */
  | 'playing';

export type ReceiveResult = 'applied' | 'ignored' | 'gap';

export interface LiveStreamOptions {
  /** Creates the replayer once a full snapshot has arrived. */
  readonly createReplayer: () => LiveReplayer;
  /** How far behind the visitor the replayer runs, to smooth out batches. */
  readonly bufferMs: number;
  readonly now?: () => number;
}

/**
 * The replayer's start time. Events older than it are applied at once, newer ones at their
 * own pace. Starting at the first event of the catch-up would replay the whole catch-up
 * (everything since the last full snapshot, possibly minutes) in real time; starting at the
 * later of "now" and the newest event puts the catch-up on screen at once and then runs
 * `bufferMs` behind the visitor, also when the visitor's clock runs ahead of ours.
 */
export function liveBaseline(newestTimestamp: number, now: number, bufferMs: number): number {
  return Math.max(now, newestTimestamp) - bufferMs;
}

/** Milliseconds from `timestamp` to `now`, never negative (the visitor's clock is not ours), or null. */
export function elapsedMs(now: number, timestamp: number | null): number | null {
  if (timestamp === null) return null;
  return Math.max(0, Math.round(now - timestamp));
}

export function formatLag(lagMs: number | null): string {
  return lagMs === null ? 'lag —' : `lag ${lagMs} ms`;
}

/** Below this, the time since the visitor's newest event is not worth showing. */
export const idleShownAfterMs = 3_000;

/** `idle 12 s` once the visitor's newest event is older than idleShownAfterMs, else null. */
export function formatIdle(idleMs: number | null): string | null {
  return idleMs === null || idleMs <= idleShownAfterMs ? null : `idle ${Math.floor(idleMs / 1000)} s`;
}

/** The page address of a Meta event, if it is one and has it. */
export function metaHref(event: RecordedEvent): string | null {
  if (event.type !== EventType.Meta) return null;
  const data = event.data as { href?: unknown } | undefined;
  return typeof data?.href === 'string' ? data.href : null;
}

const startsWithSnapshot = (events: readonly RecordedEvent[]) =>
  events[0]?.type === EventType.Meta || events[0]?.type === EventType.FullSnapshot;

/**
 * One watched session's stream: checks seq continuity, buffers until a full snapshot, then
 * feeds the replayer in order. Knows nothing about React or the hub.
 */
export class LiveStream {
  phase: StreamPhase = 'awaiting-catch-up';
  lastSeq: number | null = null;
  newestTimestamp: number | null = null;
  /**
   * Delivery lag of the last live batch that carried events: when it arrived minus its newest
   * event. Neither heartbeats (no events) nor the catch-up (whose newest event is as old as the
   * visitor has been idle) are measured, so an idle visitor does not read as a slow stream.
   */
  lagMs: number | null = null;
  currentUrl: string | null = null;
  private pending: RecordedEvent[] = [];
  private replayer: LiveReplayer | null = null;
  private readonly now: () => number;

  constructor(private readonly options: LiveStreamOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Forgets everything and destroys the replayer; the next message must be a catch-up. */
  reset(): void {
    const replayer = this.replayer;
    this.replayer = null;
    this.phase = 'awaiting-catch-up';
    this.lastSeq = null;
    this.pending = [];
    replayer?.destroy();
  }

  /**
   * Takes one SessionEvents message. 'gap' means a batch was missed: the stream has reset
   * itself and the caller must call WatchSession again for a fresh catch-up.
   */
  receive(batch: LiveBatch): ReceiveResult {
    const arrivedAt = this.now();
    const catchUp = this.phase === 'awaiting-catch-up';
    if (catchUp) {
      // Messages of the previous watch can still arrive before the catch-up, which is
      // either empty or begins with the full snapshot (Meta, FullSnapshot).
      if (batch.events.length > 0 && !startsWithSnapshot(batch.events)) return 'ignored';
      this.phase = 'awaiting-snapshot';
    } else if (this.lastSeq === null || batch.seq !== this.lastSeq + 1) {
      this.reset();
      return 'gap';
    }
    this.lastSeq = batch.seq;

    const events = sortEventsByTimestamp(batch.events);
    for (const event of events) {
      if (this.newestTimestamp === null || event.timestamp > this.newestTimestamp) this.newestTimestamp = event.timestamp;
      this.currentUrl = metaHref(event) ?? this.currentUrl;
    }
    const newestInBatch = events.at(-1)?.timestamp;
    if (!catchUp && newestInBatch !== undefined) this.lagMs = elapsedMs(arrivedAt, newestInBatch);

    if (this.phase === 'playing' && this.replayer) {
      for (const event of events) this.replayer.addEvent(event);
      return 'applied';
    }
    this.pending.push(...events);
    this.startWhenSnapshot();
    return 'applied';
  }

  private startWhenSnapshot(): void {
    const snapshot = this.pending.findIndex((event) => event.type === EventType.FullSnapshot);
    if (snapshot < 0) return;
    // Begin at the Meta event that precedes the snapshot (it sets the viewport); anything
    // earlier describes a page the snapshot replaces.
    let start = snapshot;
    while (start > 0 && this.pending[start]?.type !== EventType.Meta) start -= 1;
    const events = this.pending.slice(this.pending[start]?.type === EventType.Meta ? start : snapshot);
    this.pending = [];
    const replayer = this.options.createReplayer();
    this.replayer = replayer;
    this.phase = 'playing';
    replayer.startLive(liveBaseline(this.newestTimestamp ?? this.now(), this.now(), this.options.bufferMs));
    for (const event of events) replayer.addEvent(event);
  }
}
