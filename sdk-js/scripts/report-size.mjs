// Prints gzipped sizes and fails the build when a budget is broken, so growth is noticed in review.
// With --json it prints the exact byte counts as one JSON object instead (for bench/, which reports
// a broken budget as a missed target rather than failing), and fails only on a broken build check.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, loadConfigFromFile } from 'vite';

// sdkOnly was 5 KB until live mode, 5.5 KB until visitors and error capture, 6.5 KB until live mode
// became a file of its own, loaded lazily, 5.75 KB until the code was compacted, 5.5 KB until it was
// compacted again; it is back at the issue's 5 KB target now, with the little room left written in
// docs/sdk.md ("Size").
const budgets = { sdkOnly: 5 * 1024, bundle: 30 * 1024 };
const gz = (text) => gzipSync(text, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

// The SDK's own code: the script-tag build again (vite.config.ts's, so minified the same way), with
// rrweb left out (and live mode, which is a file of its own, loaded when a viewer first watches).
const result = await build({
  configFile: 'vite.config.ts',
  mode: 'iife',
  logLevel: 'silent',
  build: {
    write: false,
    sourcemap: false,
    rollupOptions: { external: ['@rrweb/record'], output: { globals: { '@rrweb/record': 'rrweb' } } },
  },
});
const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
const sdkOnly = gz(outputs.find((o) => o.type === 'chunk').code);

let failed = false;
const iife = readFileSync('dist/sessionkit.js', 'utf8');
const esm = readFileSync('dist/sessionkit.mjs', 'utf8');
// Live mode, loaded only once a viewer watches: sessionkit-live.js for the script tag, a chunk for the ES module.
const liveIife = readFileSync('dist/sessionkit-live.js', 'utf8');
const liveEsm = readFileSync('dist/sessionkit-live.mjs', 'utf8');
const check = (ok, message) => {
  if (!ok) console.error(`build check failed: ${message}`);
  failed ||= !ok;
};
check(/^var SessionKit\s*=/.test(iife), 'dist/sessionkit.js must define the global SessionKit');
check(/export\s*\{[^}]*\bcreateSessionKit\b/.test(esm), 'dist/sessionkit.mjs must export createSessionKit');
check(/^var SessionKitLive\s*=/.test(liveIife), 'dist/sessionkit-live.js must define the global SessionKitLive');
check(esm.includes('import("./sessionkit-live.mjs")'), 'dist/sessionkit.mjs must import live mode lazily from ./sessionkit-live.mjs');
// The consent request's path is only in live mode: in a core file it would mean live mode was bundled in.
for (const [name, code] of [['sessionkit.js', iife], ['sessionkit.mjs', esm]]) {
  check(!code.includes('live-consent'), `${name} must not contain live mode (it is loaded lazily)`);
}
// The property names terser shortens in the core must mean nothing outside it (vite.config.ts).
const { config } = await loadConfigFromFile({ command: 'build', mode: 'iife' }, 'vite.config.ts', undefined, 'silent');
const mangled = config.build.terserOptions.mangle.properties.regex;
// Every identifier-like word, comments left out (record.js is not minified: its comments are whole lines).
const names = (text) => new Set(text.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '').match(/[A-Za-z_$][\w$]*/g));
for (const [what, files] of [
  ['the public types', ['dist/index.d.ts', 'dist/sessionkit.d.ts', 'dist/options.d.ts', 'dist/transport.d.ts']],
  ["live mode's code", ['src/live.ts', 'src/live-answer.ts', 'src/live-ui.ts']],
  ["rrweb's recorder", [fileURLToPath(import.meta.resolve('@rrweb/record'))]],
]) {
  const used = [...new Set(files.flatMap((file) => [...names(readFileSync(file, 'utf8'))]))].filter((name) => mangled.test(name));
  check(used.length === 0, `${used.join(', ')} in ${what}: remove it from internalProps in vite.config.ts`);
}
// The page only loads the recorder; replay code in here would be dead weight (rrweb's layout).
for (const [name, code] of [['sessionkit.js', iife], ['sessionkit.mjs', esm]]) {
  check(!/Replayer|rr-player/.test(code), `${name} must not contain rrweb replay code`);
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ sdkOnly, live: gz(liveIife), iife: gz(iife), esm: gz(esm), budgets }));
  process.exit(failed ? 1 : 0);
}

const line = (name, bytes, budget) => {
  const over = budget !== undefined && bytes > budget;
  failed ||= over;
  console.log(`${name.padEnd(28)} ${kb(bytes).padStart(10)} gzipped${budget ? ` (budget ${kb(budget)})` : ''}${over ? '  OVER BUDGET' : ''}`);
};
line('SDK code without rrweb', sdkOnly, budgets.sdkOnly);
line('live mode, loaded lazily', gz(liveIife));
line('dist/sessionkit.js (IIFE)', gz(iife), budgets.bundle);
line('dist/sessionkit.mjs (ESM)', gz(esm), budgets.bundle);
if (failed) process.exit(1);
