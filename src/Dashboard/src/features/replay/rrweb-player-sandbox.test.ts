import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Player from 'rrweb-player';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inspectReplaySandbox } from './sandbox-guard';
import { sortEventsByTimestamp } from './sort-events';

// Pins the behaviour of the installed rrweb-player rather than a stand-in: if an upgrade
// changes how the Replayer sandboxes its iframe, this fails before any user sees it.
type PlayerEvents = ConstructorParameters<typeof Player>[0]['props']['events'];

const recordings = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/fixtures/recordings');
const events = sortEventsByTimestamp(
  JSON.parse(readFileSync(resolve(recordings, 'bard-rr-party-demo.json'), 'utf8')) as Array<{ type: number; timestamp: number }>,
) as unknown as PlayerEvents;

const mounted: Array<{ $destroy(): void; getReplayer(): { destroy(): void } }> = [];
// The Replayer rebuilds the snapshot on a timer; these tests only look at the iframe it
// creates synchronously, and jsdom lacks HTMLIFrameElement.sandbox, which the rebuild checks.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
  for (const player of mounted.splice(0)) {
    player.getReplayer().destroy();
    player.$destroy();
  }
  document.body.innerHTML = '';
});

function mount(extra: Record<string, unknown> = {}) {
  const target = document.createElement('div');
  document.body.appendChild(target);
  const player = new Player({ target, props: { events, width: 800, height: 450, autoPlay: false, ...extra } });
  mounted.push(player as unknown as (typeof mounted)[number]);
  return target;
}

describe('installed rrweb-player', () => {
  it('replays into an iframe sandboxed with allow-same-origin only', () => {
    const target = mount({ UNSAFE_replayCanvas: false });
    const frames = target.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    expect(frames[0]!.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(inspectReplaySandbox(target).ok).toBe(true);
  });

  it('would add allow-scripts with UNSAFE_replayCanvas, which the guard catches', () => {
    const target = mount({ UNSAFE_replayCanvas: true });
    expect(inspectReplaySandbox(target)).toMatchObject({ ok: false, violations: [{ reason: 'allows-scripts' }] });
  });
});
