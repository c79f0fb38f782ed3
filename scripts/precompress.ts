import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** What a browser downloads as text and compresses well; source maps and images are left out. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|wasm)$/;
/** Smaller files are not worth a second and third copy. */
export const PRECOMPRESS_MIN_BYTES = 1024;

/**
 * Writes `<file>.br` and `<file>.gz` beside each file of a build, at the
 * strongest settings (done once, at build time), keeping a copy only when it
 * is smaller. The server sends the one the browser accepts.
 */
export async function precompressFiles(dir: string, fileNames: readonly string[]): Promise<string[]> {
  const written: string[] = [];
  for (const name of fileNames) {
    if (!COMPRESSIBLE.test(name)) continue;
    const path = join(dir, name);
    const data = await readFile(path);
    if (data.byteLength < PRECOMPRESS_MIN_BYTES) continue;
    const br = await brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength } });
    const gz = await gzipped(data, { level: constants.Z_BEST_COMPRESSION });
    for (const [suffix, copy] of [['.br', br], ['.gz', gz]] as const) {
      if (copy.byteLength >= data.byteLength) continue;
      await writeFile(`${path}${suffix}`, copy);
      written.push(`${name}${suffix}`);
    }
  }
  return written;
}

/** The Vite plugin: precompresses what the client build wrote. */
export function precompress(): Plugin {
  return {
    name: 'readout-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      if (!options.dir) return;
      const written = await precompressFiles(options.dir, Object.keys(bundle));
      this.info(`precompressed ${written.length} files (brotli and gzip)`);
    },
  };
}
