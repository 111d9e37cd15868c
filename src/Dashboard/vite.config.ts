import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The ASP.NET server serves the build at `/` (SPA fallback to index.html).
// In development the API runs separately; point SESSIONKIT_API_URL at it.
const apiTarget = process.env.SESSIONKIT_API_URL ?? 'http://127.0.0.1:8080';
const proxied = ['/api', '/hubs', '/sdk', '/demo', '/openapi'];

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../Api/wwwroot/dashboard',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: Object.fromEntries(
      proxied.map((prefix) => [prefix, { target: apiTarget, changeOrigin: false, ws: prefix === '/hubs' }]),
    ),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
