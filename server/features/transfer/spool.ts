import { createReadStream } from 'node:fs';
import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../lib/errors.ts';
import { tooLarge } from './problems.ts';

function noRoom(error: unknown): never {
  if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
    throw new AppError(507, 'Insufficient storage', 'The server has no room to hold the file while it is imported; nothing was imported');
  }
  throw error;
}

/**
 * The file of an import, kept on disk while it is checked and stored: the
 * rows are read once as they arrive (to check them) and once more inside
 * the transaction that stores them, and a file of hundreds of megabytes is
 * never held in memory. The copy lives in a private temporary folder and is
 * removed when the import ends, whatever the outcome.
 */
export class Spool {
  private constructor(
    private readonly dir: string,
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  bytes = 0;

  static async create(): Promise<Spool> {
    const dir = await mkdtemp(join(tmpdir(), 'readout-import-')).catch(noRoom);
    const path = join(dir, 'upload');
    return new Spool(dir, await open(path, 'wx', 0o600), path);
  }

  /**
   * Passes the body's chunks on as they are written to disk. More than
   * `maxBytes` ends the import with a 413 at once, however the body is sent
   * (with or without a Content-Length).
   */
  async *receive(body: AsyncIterable<Uint8Array>, maxBytes: number, onChunk: (bytes: number) => void): AsyncGenerator<Uint8Array> {
    for await (const chunk of body) {
      this.bytes += chunk.byteLength;
      if (this.bytes > maxBytes) throw tooLarge(`The file is larger than the import limit of ${maxBytes} bytes; split it into smaller files`);
      await this.handle.write(chunk).catch(noRoom);
      onChunk(this.bytes);
      yield chunk;
    }
  }

  /** The file again, from the start, once it has been received whole. */
  async *replay(onChunk: (bytes: number) => void): AsyncGenerator<Uint8Array> {
    let done = 0;
    for await (const chunk of createReadStream(this.path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
      done += chunk.byteLength;
      onChunk(done);
      yield chunk;
    }
  }

  async remove(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
