import { Replayer } from 'rrweb';
import 'rrweb/dist/style.css';

type ReplayerEvent = Parameters<Replayer['addEvent']>[0];
import { describeViolation, enforceReplaySandbox } from '../replay/sandbox-guard';
import type { LiveReplayer } from './live-stream';

/** Builds a live replayer rendering into `root` (which must be in the document). */
export type LiveReplayerFactory = (root: HTMLElement) => LiveReplayer;

/** Scales rrweb's wrapper (drawn at the visitor's viewport size) down to the root's width. */
function fit(root: HTMLElement, wrapper: HTMLElement, size: { width: number; height: number }): void {
  const available = root.clientWidth || size.width;
  const maxHeight = Math.max(240, Math.round(window.innerHeight * 0.7));
  const scale = Math.min(1, available / size.width, maxHeight / size.height);
  wrapper.style.transformOrigin = 'top left';
  wrapper.style.transform = `scale(${scale})`;
  root.style.height = `${Math.round(size.height * scale)}px`;
}

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
      fit(root, replayer.wrapper, { width: size.width, height: size.height });
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
  let observer: MutationObserver | null = null;
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    observer?.disconnect();
    try {
      replayer.destroy();
    } catch {
      // already gone
    }
  };
  const check = () => {
    if (destroyed) return;
    const report = enforceReplaySandbox(root);
    if (!report.ok) {
      destroy();
      onViolation(describeViolation(report));
    }
  };
  check();
  if (destroyed) return inert;
  observer = new MutationObserver(check);
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['sandbox'] });
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
