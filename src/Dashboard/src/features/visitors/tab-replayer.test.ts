import { describe, expect, it, vi } from 'vitest';
import { connectedRoot, useReplayerDom } from '../../test/replayer-dom';
import type { RecordedEvent } from '../../api/types';
import { inspectReplaySandbox } from '../replay/sandbox-guard';
import { createGuardedTabReplayer, createRrwebTabReplayer, type TabReplayerFactory } from './tab-replayer';

// Pins the installed rrweb's Replayer as the merged player builds it, not a stand-in.
useReplayerDom();

const events: RecordedEvent[] = [
  { type: 4, timestamp: 1_000, data: { href: 'https://shop.test/', width: 800, height: 600 } },
  { type: 3, timestamp: 1_500, data: { source: 1, positions: [] } },
];

describe('installed rrweb tab replayer', () => {
  it('renders into one iframe sandboxed with allow-same-origin only, behind the guard', () => {
    const root = connectedRoot();
    const onViolation = vi.fn();
    const replayer = createGuardedTabReplayer(root, events, createRrwebTabReplayer, onViolation);
    const frames = root.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    expect(frames[0]!.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(inspectReplaySandbox(root).ok).toBe(true);
    expect(onViolation).not.toHaveBeenCalled();
    replayer.destroy();
    expect(root.querySelector('iframe')).toBeNull();
  });
});

describe('createGuardedTabReplayer', () => {
  it('refuses a frame that allows scripts before anything is shown in it', () => {
    let shown = 0;
    const factory: TabReplayerFactory = (root) => {
      const iframe = document.createElement('iframe');
      iframe.setAttribute('sandbox', 'allow-same-origin allow-scripts');
      root.appendChild(iframe);
      return { show: () => (shown += 1), pause() {}, currentOffset: () => 0, fit() {}, destroy: () => iframe.remove() };
    };
    const root = connectedRoot();
    const onViolation = vi.fn();
    const replayer = createGuardedTabReplayer(root, events, factory, onViolation);
    replayer.show(0, true, 1);
    expect(shown).toBe(0);
    expect(onViolation).toHaveBeenCalledTimes(1);
    expect(root.querySelector('iframe')).toBeNull();
  });
});
