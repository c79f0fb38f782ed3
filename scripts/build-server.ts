import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SERVER_BUILD = fileURLToPath(new URL('../dist/server/index.js', import.meta.url));

/**
 * Builds the server into one ES module: the project's own code (server/ and
 * shared/, TypeScript stripped, nothing minified, so stack traces stay
 * readable) in one file, every package left to node_modules. Run as plain
 * JavaScript it starts faster and holds ~50 MB less than under tsx, whose
 * loader thread compiles every file again at each start (docs/performance.md).
 * `outfile` must lie inside the checkout, so that its packages resolve from
 * node_modules.
 */
export async function buildServer(outfile = SERVER_BUILD): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['server/index.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

/**
 * The options `npm run serve` (and so `npm start`) gives node before the built
 * server: package.json is the one place they are written, and the benchmark
 * starts the server with them. They keep V8's heap near what is live
 * (docs/performance.md, item 27): V8 lets the old space grow to a first
 * limit set from the machine's memory (past 100 MB on a 24 GB machine)
 * before a full collection sizes the heap to what is live; this server keeps
 * ~45 MB live, so the garbage promoted under load stayed until that limit.
 * From 32 MB the heap is sized by what it holds from the start. Each of the
 * young generation's two halves is at most 8 MB (16 by default). Neither
 * changes the heap's maximum.
 */
export function servingNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.serve!.split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/server/index.js') throw new Error(`package.json's serve script is not "node [flags] dist/server/index.js": ${pkg.scripts.serve}`);
  return words.slice(1, -1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
