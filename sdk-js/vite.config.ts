import { defineConfig } from 'vitest/config';

// Three library builds from one config (Rollup cannot emit an IIFE from a multi-entry build):
// `vite build` makes the ES module, whose dynamic import of live mode becomes the chunk
// sessionkit-live.mjs beside it; `--mode iife` the script-tag bundle; `--mode live` live mode for
// the script tag, sessionkit-live.js, which sessionkit.js loads when a viewer first watches.
const libs = {
  iife: { entry: 'src/global.ts', name: 'SessionKit', formats: ['iife' as const], fileName: () => 'sessionkit.js' },
  live: { entry: 'src/live.ts', name: 'SessionKitLive', formats: ['iife' as const], fileName: () => 'sessionkit-live.js' },
};

// Property names used only inside the core (sessionkit.js, sessionkit.mjs), which terser shortens like
// local names. Never a name of an option, of the public API, of anything sent or stored (the server and
// the next page read those), of rrweb's, or of live mode's side of live-facade.ts (live mode is minified
// on its own, so both sides must keep those names): scripts/report-size.mjs checks all but what is sent,
// which scripts/smoke-iife.mjs checks for the session start.
// (Terser never shortens a DOM name such as save or pause, hence saveState and pauseBeats.)
export const internalProps = [
  'addCustom', 'adoptVisitor', 'announce', 'answered', 'current', 'describe', 'drain', 'gzipped', 'markHidden', 'markShown', 'owner', 'pauseBeats', 'queueBatch',
  'queuedBytes', 'recreated', 'refused', 'renew', 'reply', 'resetVisitor', 'retryNow', 'saveState', 'sendOnUnload', 'sent', 'sessionChanged', 'visitor', 'visitorStore', 'warnOnce',
];

export default defineConfig(({ mode }) => {
  const lib = mode === 'iife' || mode === 'live' ? libs[mode] : null;
  return {
    build: {
      target: 'es2020',
      emptyOutDir: !lib,
      sourcemap: true,
      // esbuild keeps whitespace in ES library output; terser minifies both formats fully.
      minify: 'terser',
      terserOptions: { mangle: { properties: { regex: new RegExp(`^(${internalProps.join('|')})$`) } } },
      lib: lib ?? { entry: 'src/index.ts', formats: ['es'], fileName: () => 'sessionkit.mjs' },
      // allow-extension: the live chunk imports what it shares with the core from sessionkit.mjs.
      rollupOptions: { preserveEntrySignatures: 'allow-extension', output: { chunkFileNames: 'sessionkit-[name].mjs', generatedCode: { symbols: false } } },
    },
    test: {
      environment: 'jsdom',
      include: ['src/**/*.test.ts'],
      restoreMocks: true,
      unstubGlobals: true,
    },
  };
});
