// Builds the dashboard into dist/apps/dashboard: content-hashed assets, no inline script (the
// gateway's Content Security Policy forbids it), each asset also written as .br and .gz.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '../../dist/apps/dashboard');

/** Pre-compresses every built asset once, so the gateway never compresses per request. */
function precompress() {
  return {
    name: 'hookline-precompress',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets');
      for (const file of readdirSync(assets)) {
        if (!/\.(js|css|svg|json|map)$/.test(file)) continue;
        const content = readFileSync(join(assets, file));
        writeFileSync(join(assets, `${file}.gz`), gzipSync(content, { level: 9 }));
        writeFileSync(join(assets, `${file}.br`), brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default {
  root: here,
  base: '/',
  mode: 'production',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic' },
  plugins: [precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    // The preload polyfill would be an inline script; every supported browser has modulepreload.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // Libraries mark React server-component boundaries ("use client"); meaningless in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
};
