/**
 * Recorded DOM is untrusted (see CONTEXT.md). The replayer rebuilds it inside an iframe
 * whose `sandbox` must not contain `allow-scripts`: with it, a recorded <script> or inline
 * handler would run with the dashboard's origin and the administrator's session.
 *
 * rrweb 2.x creates that iframe with `sandbox="allow-same-origin"` unless the caller sets
 * `UNSAFE_replayCanvas`, which the dashboard never does. This guard checks it anyway, after
 * every mount, so a future library change cannot silently weaken the replay.
 */

export interface SandboxViolation {
  readonly iframe: HTMLIFrameElement;
  readonly reason: 'missing-sandbox' | 'allows-scripts';
}

export interface SandboxReport {
  readonly ok: boolean;
  /** Replay iframes found under the root. */
  readonly frames: number;
  readonly violations: readonly SandboxViolation[];
}

export function sandboxTokens(iframe: HTMLIFrameElement): string[] | null {
  const value = iframe.getAttribute('sandbox');
  if (value === null) return null;
  return value
    .toLowerCase()
    .split(/\s+/)
    .filter((token) => token.length > 0);
}

/** Checks every iframe under `root`; does not change anything. */
export function inspectReplaySandbox(root: ParentNode): SandboxReport {
  const frames = Array.from(root.querySelectorAll('iframe'));
  const violations: SandboxViolation[] = [];
  for (const iframe of frames) {
    const tokens = sandboxTokens(iframe);
    if (tokens === null) violations.push({ iframe, reason: 'missing-sandbox' });
    else if (tokens.includes('allow-scripts')) violations.push({ iframe, reason: 'allows-scripts' });
  }
  return { ok: violations.length === 0, frames: frames.length, violations };
}

/**
 * Checks, and removes every offending iframe (and with it the untrusted document it
 * holds) before anything else can happen in it. Returns the report.
 */
export function enforceReplaySandbox(root: ParentNode): SandboxReport {
  const report = inspectReplaySandbox(root);
  for (const { iframe } of report.violations) iframe.remove();
  return report;
}

export function describeViolation(report: SandboxReport): string {
  const reasons = new Set(report.violations.map((violation) => violation.reason));
  return reasons.has('allows-scripts')
    ? 'The replay frame allowed scripts to run, so it was removed. Recorded pages are untrusted and are only replayed in a frame that cannot run scripts.'
    : 'The replay frame was not sandboxed, so it was removed. Recorded pages are untrusted and are only replayed in a frame that cannot run scripts.';
}

/**
 * Enforces the sandbox under `root` now and on every later change (a new frame, a changed `sandbox`),
 * for players that manage their own replayer. On a violation the offending frames are already gone;
 * `onViolation` must then destroy the replayer. Call it right after the replayer created its frame and
 * before any recorded DOM is written. Returns a stop function; a violation stops the watch itself.
 */
export function watchReplaySandbox(root: HTMLElement, onViolation: (message: string) => void): { readonly ok: boolean; stop(): void } {
  let observer: MutationObserver | null = null;
  let ok = true;
  const stop = () => {
    observer?.disconnect();
    observer = null;
  };
  const check = () => {
    if (!ok) return;
    const report = enforceReplaySandbox(root);
    if (report.ok) return;
    ok = false;
    stop();
    onViolation(describeViolation(report));
  };
  check();
  if (ok) {
    observer = new MutationObserver(check);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['sandbox'] });
  }
  return {
    get ok() {
      return ok;
    },
    stop,
  };
}
