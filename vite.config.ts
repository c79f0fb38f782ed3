import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress.ts';
import { stripSchemaMeta } from './scripts/strip-schema-meta.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The API port the dev proxy forwards /api to (scripts/dev.ts sets it).
const apiPort = Number(process.env.READOUT_API_PORT ?? 3000);

export default defineConfig({
  root: here('./client'),
  publicDir: false,
  plugins: [react(), stripSchemaMeta(), precompress()],
  resolve: {
    // The same aliases as package.json "imports", so client and shared code
    // import each other the same way in Vite, vitest and tsc.
    alias: [
      { find: /^#client\/(.*)$/, replacement: `${here('./client')}/$1` },
      { find: /^#shared\/(.*)$/, replacement: `${here('./shared')}/$1` },
      // zod/mini as configured for the browser (jitless): see client/lib/zod-config.ts.
      { find: /^zod\/mini$/, replacement: here('./client/lib/zod-config.ts') },
    ],
  },
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // What the first page needs (everything index.html's script imports
    // statically) is one file: split into the pieces the lazy pages share, it
    // was 16 files, each compressed on its own (5 KB more gzip). Lazy pages
    // import what they share from it; its size is watched in gzip (bench).
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } },
    },
  },
  server: {
    port: Number(process.env.READOUT_CLIENT_PORT ?? 5173),
    strictPort: false,
    // The Host header is kept as is (no changeOrigin), so the server's CSRF
    // guard sees the browser's Origin match the host it was asked for.
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false, ws: false },
    },
  },
  preview: { port: 4173 },
});
