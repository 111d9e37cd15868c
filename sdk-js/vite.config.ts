import { defineConfig } from 'vitest/config';

// Three library builds from one config (Rollup cannot emit an IIFE from a multi-entry build):
// `vite build` makes the ES module, whose dynamic import of live mode becomes the chunk
// sessionkit-live.mjs beside it; `--mode iife` the script-tag bundle; `--mode live` live mode for
// the script tag, sessionkit-live.js, which sessionkit.js loads when a viewer first watches.
const libs = {
  iife: { entry: 'src/global.ts', name: 'SessionKit', formats: ['iife' as const], fileName: () => 'sessionkit.js' },
  live: { entry: 'src/live.ts', name: 'SessionKitLive', formats: ['iife' as const], fileName: () => 'sessionkit-live.js' },
};

export default defineConfig(({ mode }) => {
  const lib = mode === 'iife' || mode === 'live' ? libs[mode] : null;
  return {
    build: {
      target: 'es2020',
      emptyOutDir: !lib,
      sourcemap: true,
      // esbuild keeps whitespace in ES library output; terser minifies both formats fully.
      minify: 'terser',
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
