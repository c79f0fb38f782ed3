import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The API port the dev proxy forwards /api to (scripts/dev.ts sets it).
const apiPort = Number(process.env.READOUT_API_PORT ?? 3000);

export default defineConfig({
  root: here('./client'),
  publicDir: false,
  plugins: [react(), precompress()],
  resolve: {
    // The same aliases as package.json "imports", so client and shared code
    // import each other the same way in Vite, vitest and tsc.
    alias: [
      { find: /^#client\/(.*)$/, replacement: `${here('./client')}/$1` },
      { find: /^#shared\/(.*)$/, replacement: `${here('./shared')}/$1` },
      // zod as configured for the browser (jitless): see client/lib/zod-config.ts.
      { find: /^zod$/, replacement: here('./client/lib/zod-config.ts') },
    ],
  },
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
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
