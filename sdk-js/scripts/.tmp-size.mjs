import { gzipSync } from 'node:zlib';
import { build } from 'vite';
const result = await build({ configFile: false, logLevel: 'silent', build: { write: false, minify: 'terser', target: 'es2020',
  lib: { entry: 'src/global.ts', name: 'SessionKit', formats: ['iife'], fileName: () => 'sdk-only.js' },
  rollupOptions: { external: ['@rrweb/record'], output: { globals: { '@rrweb/record': 'rrweb' } } } } });
const code = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).find((o) => o.type === 'chunk').code;
console.log(gzipSync(code, { level: 9 }).length);
if (process.argv[2]) console.log(code);
