import { defineConfig } from 'vitest/config';

// Two library builds from one config: `vite build` makes the ES module, `--mode iife` the
// script-tag bundle (Rollup cannot emit an IIFE from a multi-entry build).
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    build: {
      target: 'es2020',
      emptyOutDir: !iife,
      sourcemap: true,
      // esbuild keeps whitespace in ES library output; terser minifies both formats fully.
      minify: 'terser',
      lib: iife
        ? { entry: 'src/global.ts', name: 'SessionKit', formats: ['iife'], fileName: () => 'sessionkit.js' }
        : { entry: 'src/index.ts', formats: ['es'], fileName: () => 'sessionkit.mjs' },
    },
    test: {
      environment: 'jsdom',
      include: ['src/**/*.test.ts'],
      restoreMocks: true,
      unstubGlobals: true,
    },
  };
});
