import { describe, expect, it } from 'vitest';
import { enforceReplaySandbox, inspectReplaySandbox } from './sandbox-guard';

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
