import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './child.ts';

/** Builds the dashboard with Vite into `outDir` (quietly); throws with Vite's output when the build fails. */
export function buildClient(outDir: string): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'pipe' });
}

/**
 * The JavaScript a browser loads before the dashboard's first page can run:
 * index.html's module script and every chunk it preloads (lazy pages are not
 * counted), gzipped at level 9 as a server or CDN would send them, in KB.
 */
export function initialJsGzipKb(outDir: string): { kb: number; files: number } {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  let bytes = 0;
  for (const src of new Set(srcs)) bytes += gzipSync(readFileSync(join(outDir, src.replace(/^\//, ''))), { level: 9 }).byteLength;
  return { kb: Math.round(bytes / 102.4) / 10, files: new Set(srcs).size };
}
