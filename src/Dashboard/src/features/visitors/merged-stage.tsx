import { useEffect, useRef } from 'react';
import type { JourneyClock } from './use-journey-clock';
import type { TabEvents } from './use-journey-events';
import { hasDrifted, offsetIn } from './merged-timeline';
import { createGuardedTabReplayer, type TabReplayer, type TabReplayerFactory } from './tab-replayer';

interface Mounted {
  readonly root: HTMLElement;
  readonly replayer: TabReplayer;
}

/**
 * The merged player's stage: one replayer per tab, each in a root of its own, created the first time its
 * tab is shown and kept (hidden and paused) while another tab is, so switching back is instant. Only the
 * shown tab plays; it is put at the clock's moment whenever the tab, the clock's play state or speed
 * changes or the clock jumps. Between jumps it plays on its own timer at the clock's speed.
 */
export function MergedStage(props: {
  /** The tab to show, or null for none (a gap, or its recording not loaded). */
  sessionId: string | null;
  tab: TabEvents | undefined;
  clock: JourneyClock;
  factory: TabReplayerFactory;
  onSandboxViolation: (message: string) => void;
}) {
  const stageRef = useRef<HTMLDivElement>(null);
  const mounted = useRef(new Map<string, Mounted>());
  const { sessionId, tab, clock, factory, onSandboxViolation } = props;
  const ready = tab?.state === 'ready' ? tab : null;
  const { now, playing, speed, syncToken } = clock;

  useEffect(() => {
    const all = mounted.current;
    return () => {
      for (const { root, replayer } of all.values()) {
        replayer.destroy();
        root.remove();
      }
      all.clear();
    };
  }, []);

  useEffect(() => {
    const stage = stageRef.current;
    for (const [id, { root, replayer }] of mounted.current) {
      if (id === sessionId && ready) continue;
      replayer.pause();
      root.hidden = true;
    }
    if (!stage || !sessionId || !ready) return;
    let shown = mounted.current.get(sessionId);
    if (!shown) {
      const root = document.createElement('div');
      root.className = 'merged-stage__tab';
      root.dataset.testid = 'merged-tab';
      root.dataset.sessionId = sessionId;
      stage.appendChild(root);
      shown = { root, replayer: createGuardedTabReplayer(root, ready.events, factory, onSandboxViolation) };
      mounted.current.set(sessionId, shown);
    }
    shown.root.hidden = false;
    shown.replayer.fit();
    shown.replayer.show(offsetIn(ready.firstMs, now()), playing, speed);
    // The clock's time is read, not watched: moving on with it is the replayer's own job until it jumps.
  }, [sessionId, ready, now, playing, speed, syncToken, factory, onSandboxViolation]);

  // Between jumps the shown replayer plays on its own timer; put it back on the clock if it drifts off,
  // at most once a second so a replayer that reports its time oddly cannot be restarted every frame.
  const lastResync = useRef(0);
  useEffect(() => {
    const shown = sessionId && ready && playing ? mounted.current.get(sessionId) : undefined;
    if (!shown || !ready || performance.now() - lastResync.current < 1_000) return;
    const expected = offsetIn(ready.firstMs, clock.timeMs);
    if (!hasDrifted(expected, shown.replayer.currentOffset(), ready.durationMs)) return;
    lastResync.current = performance.now();
    shown.replayer.show(expected, true, speed);
  }, [sessionId, ready, playing, speed, clock.timeMs]);

  useEffect(() => {
    const refit = () => {
      for (const { root, replayer } of mounted.current.values()) if (!root.hidden) replayer.fit();
    };
    window.addEventListener('resize', refit);
    return () => window.removeEventListener('resize', refit);
  }, []);

  return <div className="merged-stage" ref={stageRef} data-testid="merged-stage" />;
}
