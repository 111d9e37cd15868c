import { describe, expect, it, vi } from 'vitest';
import { enforceReplaySandbox, inspectReplaySandbox, watchReplaySandbox } from './sandbox-guard';

function rootWith(...sandboxes: Array<string | null>): HTMLElement {
  const root = document.createElement('div');
  for (const sandbox of sandboxes) {
    const iframe = document.createElement('iframe');
    if (sandbox !== null) iframe.setAttribute('sandbox', sandbox);
    root.appendChild(iframe);
  }
  document.body.appendChild(root);
  return root;
}

describe('inspectReplaySandbox', () => {
  it('accepts the frame rrweb creates: allow-same-origin only', () => {
    const report = inspectReplaySandbox(rootWith('allow-same-origin'));
    expect(report).toMatchObject({ ok: true, frames: 1, violations: [] });
  });

  it('accepts a fully locked frame', () => {
    expect(inspectReplaySandbox(rootWith('')).ok).toBe(true);
  });

  it('rejects allow-scripts, in any case and spacing', () => {
    for (const sandbox of ['allow-same-origin allow-scripts', 'allow-scripts', '  ALLOW-SCRIPTS\tallow-forms ']) {
      const report = inspectReplaySandbox(rootWith(sandbox));
      expect(report.ok, sandbox).toBe(false);
      expect(report.violations[0]?.reason).toBe('allows-scripts');
    }
  });

  it('rejects a frame without a sandbox attribute', () => {
    const report = inspectReplaySandbox(rootWith(null));
    expect(report.ok).toBe(false);
    expect(report.violations[0]?.reason).toBe('missing-sandbox');
  });

  it('looks at every frame, not just the first', () => {
    const report = inspectReplaySandbox(rootWith('allow-same-origin', 'allow-same-origin allow-scripts'));
    expect(report.frames).toBe(2);
    expect(report.violations).toHaveLength(1);
  });
});

describe('enforceReplaySandbox', () => {
  it('removes offending frames and leaves safe ones', () => {
    const root = rootWith('allow-same-origin', 'allow-same-origin allow-scripts', null);
    const report = enforceReplaySandbox(root);
    expect(report.ok).toBe(false);
    const left = Array.from(root.querySelectorAll('iframe')).map((f) => f.getAttribute('sandbox'));
    expect(left).toEqual(['allow-same-origin']);
  });
});

describe('watchReplaySandbox', () => {
  it('removes a frame that is unsandboxed from the start and reports it at once', () => {
    const root = rootWith(null);
    const onViolation = vi.fn();
    expect(watchReplaySandbox(root, onViolation).ok).toBe(false);
    expect(onViolation).toHaveBeenCalledTimes(1);
    expect(root.querySelector('iframe')).toBeNull();
  });

  it('removes a frame that gains allow-scripts later, and stops watching once stopped', async () => {
    const root = rootWith('allow-same-origin');
    const onViolation = vi.fn();
    const watch = watchReplaySandbox(root, onViolation);
    expect(watch.ok).toBe(true);
    root.querySelector('iframe')!.setAttribute('sandbox', 'allow-same-origin allow-scripts');
    await vi.waitFor(() => expect(onViolation).toHaveBeenCalledTimes(1));
    expect(onViolation.mock.calls[0]![0]).toContain('allowed scripts');
    expect(watch.ok).toBe(false);
    expect(root.querySelector('iframe')).toBeNull();

    const later = rootWith('allow-same-origin');
    const quiet = vi.fn();
    watchReplaySandbox(later, quiet).stop();
    later.querySelector('iframe')!.removeAttribute('sandbox');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(quiet).not.toHaveBeenCalled();
  });
});
