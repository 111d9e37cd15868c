import { Replayer } from 'rrweb';
import 'rrweb/dist/style.css';

import { fitReplay } from '../replay/fit-replay';
import { watchReplaySandbox } from '../replay/sandbox-guard';
import type { LiveReplayer } from './live-stream';

type ReplayerEvent = Parameters<Replayer['addEvent']>[0];

/** Builds a live replayer rendering into `root` (which must be in the document). */
export type LiveReplayerFactory = (root: HTMLElement) => LiveReplayer;

/**
 * rrweb's Replayer in live mode, with a fixed option allowlist: UNSAFE_replayCanvas stays
 * false (it would put allow-scripts on the frame), see ../replay/CONTEXT.md.
 */
export const createRrwebLiveReplayer: LiveReplayerFactory = (root) => {
  const replayer = new Replayer([], {
    root,
    liveMode: true,
    mouseTail: true,
    UNSAFE_replayCanvas: false,
    showWarning: false,
    triggerFocus: false,
  });
  replayer.on('resize', (dimension) => {
    const size = dimension as { width?: unknown; height?: unknown } | undefined;
    if (typeof size?.width === 'number' && typeof size.height === 'number' && size.width > 0 && size.height > 0) {
      fitReplay(root, replayer.wrapper, { width: size.width, height: size.height }, 0.7);
    }
  });
  return {
    startLive: (baselineTime) => replayer.startLive(baselineTime),
    addEvent: (event) => replayer.addEvent(event as unknown as ReplayerEvent),
    destroy: () => replayer.destroy(),
  };
};

const inert: LiveReplayer = { startLive() {}, addEvent() {}, destroy() {} };

/**
 * The replay page's sandbox guard, applied to a live replayer: every frame under `root` is
 * checked right after the replayer creates it (before any recorded DOM is written, which
 * happens when the first events are applied) and on every later change. A frame without a
 * sandbox or with allow-scripts is removed, the replayer destroyed, and `onViolation` told.
 */
export function createGuardedReplayer(
  root: HTMLElement,
  factory: LiveReplayerFactory,
  onViolation: (message: string) => void,
): LiveReplayer {
  const replayer = factory(root);
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
  return {
    startLive: (baselineTime) => {
      if (!destroyed) replayer.startLive(baselineTime);
    },
    addEvent: (event) => {
      if (!destroyed) replayer.addEvent(event);
    },
    destroy,
  };
}
