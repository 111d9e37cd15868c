import { describe, expect, it, vi } from 'vitest';
import { connectedRoot, useReplayerDom } from '../../test/replayer-dom';
import { inspectReplaySandbox } from '../replay/sandbox-guard';
import { createGuardedReplayer, createRrwebLiveReplayer, type LiveReplayerFactory } from './live-replayer';

// Pins the installed rrweb's live Replayer, not a stand-in: if an upgrade changes how it
// sandboxes its iframe, this fails before anyone watches a session with it.
useReplayerDom();

describe('installed rrweb live replayer', () => {
  it('renders into one iframe sandboxed with allow-same-origin only', () => {
    const root = connectedRoot();
    const replayer = createRrwebLiveReplayer(root);
    const frames = root.querySelectorAll('iframe');
    expect(frames).toHaveLength(1);
    expect(frames[0]!.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(inspectReplaySandbox(root).ok).toBe(true);
    replayer.destroy();
    expect(root.querySelector('iframe')).toBeNull();
  });

  it('passes the guard untouched', () => {
    const root = connectedRoot();
    const onViolation = vi.fn();
    const replayer = createGuardedReplayer(root, createRrwebLiveReplayer, onViolation);
    expect(onViolation).not.toHaveBeenCalled();
    expect(root.querySelectorAll('iframe')).toHaveLength(1);
    replayer.destroy();
  });
});

describe('createGuardedReplayer', () => {
  it('removes a frame that gains allow-scripts later, and stops feeding the replayer', async () => {
    let added = 0;
    const factory: LiveReplayerFactory = (root) => {
      const iframe = document.createElement('iframe');
      iframe.setAttribute('sandbox', 'allow-same-origin');
      root.appendChild(iframe);
      return { startLive() {}, addEvent: () => (added += 1), destroy: () => iframe.remove() };
    };
    const root = connectedRoot();
    const onViolation = vi.fn();
    const replayer = createGuardedReplayer(root, factory, onViolation);
    replayer.addEvent({ type: 4, timestamp: 1 });
    expect(added).toBe(1);

    root.querySelector('iframe')!.setAttribute('sandbox', 'allow-same-origin allow-scripts');
    await vi.waitFor(() => expect(onViolation).toHaveBeenCalledTimes(1));
    expect(onViolation.mock.calls[0]![0]).toContain('allowed scripts');
    expect(root.querySelector('iframe')).toBeNull();
    replayer.addEvent({ type: 3, timestamp: 2 });
    expect(added).toBe(1);
  });
});
