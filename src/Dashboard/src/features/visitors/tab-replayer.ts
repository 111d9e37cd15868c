import { Replayer } from 'rrweb';
import 'rrweb/dist/style.css';
import type { RecordedEvent } from '../../api/types';
import { fitReplay } from '../replay/fit-replay';
import { watchReplaySandbox } from '../replay/sandbox-guard';
import { recordedViewport } from '../replay/sort-events';

type ReplayerEvent = ConstructorParameters<typeof Replayer>[0][number];

/** One tab's replay inside the merged player. Offsets are ms since the session's first event. */
export interface TabReplayer {
  /** Shows the moment `offsetMs`, then plays on from it at `speed` or stays there. */
  show(offsetMs: number, playing: boolean, speed: number): void;
  /** Stops where it is (a tab that goes out of view must not play on unseen). */
  pause(): void;
  /** Where its own timer is, ms since the first event. */
  currentOffset(): number;
  /** Scales the recorded viewport down to the root's width. */
  fit(): void;
  destroy(): void;
}

/** Builds a tab's replayer into `root` (in the document) for events sorted by timestamp. */
export type TabReplayerFactory = (root: HTMLElement, events: readonly RecordedEvent[]) => TabReplayer;

/**
 * rrweb's Replayer without rrweb-player's controls (the merged player has one control for every tab), with
 * the replay page's fixed option allowlist: UNSAFE_replayCanvas stays false, see ../replay/CONTEXT.md.
 */
export const createRrwebTabReplayer: TabReplayerFactory = (root, events) => {
  const replayer = new Replayer(events as unknown as ReplayerEvent[], {
    root,
    speed: 1,
    skipInactive: false,
    showWarning: false,
    UNSAFE_replayCanvas: false,
    mouseTail: false,
    triggerFocus: false,
  });
  let size = recordedViewport(events) ?? { width: 1280, height: 720 };
  const fit = () => fitReplay(root, replayer.wrapper, size, 0.6);
  replayer.on('resize', (dimension) => {
    const next = dimension as { width?: unknown; height?: unknown } | undefined;
    if (typeof next?.width === 'number' && typeof next.height === 'number' && next.width > 0 && next.height > 0) {
      size = { width: next.width, height: next.height };
      fit();
    }
  });
  fit();
  return {
    show: (offsetMs, playing, speed) => {
      replayer.setConfig({ speed });
      if (playing) replayer.play(offsetMs);
      else replayer.pause(offsetMs);
    },
    pause: () => replayer.pause(),
    currentOffset: () => replayer.getCurrentTime(),
    fit,
    destroy: () => replayer.destroy(),
  };
};

const inert: TabReplayer = { show() {}, pause() {}, currentOffset: () => 0, fit() {}, destroy() {} };

/**
 * A tab replayer behind the replay page's sandbox guard: its frame is checked right after the replayer
 * creates it (before `show` writes any recorded DOM) and on every later change. A frame without a
 * sandbox or with allow-scripts is removed, the replayer destroyed, and `onViolation` told.
 */
export function createGuardedTabReplayer(
  root: HTMLElement,
  events: readonly RecordedEvent[],
  factory: TabReplayerFactory,
  onViolation: (message: string) => void,
): TabReplayer {
  const replayer = factory(root, events);
  let destroyed = false;
  // Set once watching; a violation found by the very first check stops the watch by itself.
  let stopWatching = () => {};
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    stopWatching();
    try {
      replayer.destroy();
    } catch {
      // already gone
    }
  };
  const watch = watchReplaySandbox(root, (message) => {
    destroy();
    onViolation(message);
  });
  if (!watch.ok) return inert;
  stopWatching = watch.stop;
  const live = <A extends unknown[]>(action: (...args: A) => void) => (...args: A) => {
    if (!destroyed) action(...args);
  };
  return {
    show: live(replayer.show),
    pause: live(replayer.pause),
    currentOffset: () => (destroyed ? 0 : replayer.currentOffset()),
    fit: live(replayer.fit),
    destroy,
  };
}
