// Shared by the browser benchmarks: Chromium (as the browser tests start it), arguments, logging.
// The one launch policy, shared with the browser tests.
export { CHROMIUM_PATH, launchChromium } from '../../tests/browser/support/chromium.mjs';

/** `--name value` from the command line, or the fallback. */
export function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

/** Progress goes to stderr: stdout carries the one JSON result the bench app reads. */
export function log(message) {
  process.stderr.write(`[browser] ${message}\n`);
}

/** Main-thread metrics of the page's renderer (CDP Performance domain), in ms. */
export async function mainThreadMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    task: value('TaskDuration'),
    script: value('ScriptDuration'),
    layout: value('LayoutDuration'),
    style: value('RecalcStyleDuration'),
  };
}
