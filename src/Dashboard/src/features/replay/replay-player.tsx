import { useEffect, useRef } from 'react';
import Player from 'rrweb-player';
import 'rrweb-player/dist/style.css';
import type { RecordedEvent } from '../../api/types';
import { watchReplaySandbox } from './sandbox-guard';
import { recordedViewport } from './sort-events';

type PlayerOptions = ConstructorParameters<typeof Player>[0];
type PlayerEvents = PlayerOptions['props']['events'];

/** The parts of the rrweb-player (a Svelte component) the dashboard uses. */
interface PlayerHandle {
  $destroy(): void;
  $set(props: { width?: number; height?: number }): void;
  triggerResize(): void;
  goto(timeOffset: number, play?: boolean): void;
  getReplayer(): { destroy(): void; getCurrentTime(): number };
}

/** What the replay page may do with a mounted player. Offsets are ms since the first event. */
export interface PlayerControls {
  currentOffset(): number;
  /** Moves to `offsetMs`, keeping the player paused or playing as it was. */
  seek(offsetMs: number): void;
}

const CONTROLLER_HEIGHT = 80;

function playerSize(container: HTMLElement, events: readonly RecordedEvent[]) {
  const width = Math.max(320, container.clientWidth || 960);
  const viewport = recordedViewport(events) ?? { width: 16, height: 9 };
  const maxHeight = Math.max(240, Math.round(window.innerHeight * 0.7));
  const height = Math.min(maxHeight, Math.round((width * viewport.height) / viewport.width));
  return { width, height };
}

/**
 * Mounts rrweb-player for events already sorted by timestamp. Only an allowlist of
 * options reaches the player (it spreads its props into the Replayer config), and
 * UNSAFE_replayCanvas is pinned to false: it would add allow-scripts to the sandbox.
 */
export function ReplayPlayer(props: {
  events: readonly RecordedEvent[];
  onSandboxViolation: (message: string) => void;
  /** Receives the player's controls once it is mounted, and null when it goes away. Keep it stable. */
  onReady?: (controls: PlayerControls | null) => void;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { events, onSandboxViolation, onReady } = props;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const target = document.createElement('div');
    container.appendChild(target);
    const size = playerSize(container, events);

    const player = new Player({
      target,
      props: {
        events: events as unknown as PlayerEvents,
        width: size.width,
        height: size.height - CONTROLLER_HEIGHT,
        autoPlay: false,
        skipInactive: true,
        showWarning: false,
        UNSAFE_replayCanvas: false,
        mouseTail: false,
      },
    }) as unknown as PlayerHandle;

    let destroyed = false;
    // Set once watching; a violation found by the very first check stops the watch by itself.
    let stopWatching = () => {};
    let resizeObserver: ResizeObserver | null = null;
    const teardown = () => {
      if (destroyed) return;
      destroyed = true;
      onReady?.(null);
      stopWatching();
      resizeObserver?.disconnect();
      try {
        player.getReplayer().destroy();
      } catch {
        // already gone
      }
      player.$destroy();
      target.remove();
    };

    // The Replayer creates its iframe synchronously and rebuilds the recorded DOM on a
    // later tick, so this first check runs before any recorded content exists.
    const watch = watchReplaySandbox(container, (message) => {
      teardown();
      onSandboxViolation(message);
    });
    if (!watch.ok) return teardown;
    stopWatching = watch.stop;

    if (typeof ResizeObserver !== 'undefined') {
      resizeObserver = new ResizeObserver(() => {
        if (destroyed) return;
        const next = playerSize(container, events);
        player.$set({ width: next.width, height: next.height - CONTROLLER_HEIGHT });
        player.triggerResize();
      });
      resizeObserver.observe(container);
    }

    const first = events[0]?.timestamp ?? 0;
    const duration = Math.max(0, (events.at(-1)?.timestamp ?? first) - first);
    onReady?.({
      currentOffset: () => Math.max(0, Math.min(duration, player.getReplayer().getCurrentTime())),
      seek: (offsetMs) => {
        if (!destroyed) player.goto(Math.max(0, Math.min(duration, offsetMs)));
      },
    });

    return teardown;
  }, [events, onSandboxViolation, onReady]);

  return <div ref={containerRef} className="replay-player" data-testid="replay-root" />;
}
