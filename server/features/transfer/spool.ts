import { createReadStream } from 'node:fs';
import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../lib/errors.ts';

function noRoom(error: unknown): never {
  if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
    throw new AppError(507, 'Insufficient storage', 'The server has no room to hold the file while it is imported; nothing was imported');
  }
  throw error;
}

/** Written to disk in pieces about this big. */
const WRITE_BYTES = 256 * 1024;

/**
 * The checked rows of an import, kept on disk (one JSON line each) between
 * the reading that checks them as the file arrives and the transaction that
 * stores them: a file of hundreds of megabytes is never held in memory, and
 * the second reading parses no CSV and runs no validation again. The file
 * lives in a private temporary folder and is removed when the import ends,
 * whatever the outcome.
 */
export class Spool {
  private pending: string[] = [];
  private pendingBytes = 0;
  /** Bytes written so far. */
  bytes = 0;

  private constructor(
    private readonly dir: string,
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {}

  static async create(): Promise<Spool> {
    const dir = await mkdtemp(join(tmpdir(), 'readout-import-')).catch(noRoom);
    const path = join(dir, 'rows.jsonl');
    return new Spool(dir, await open(path, 'wx', 0o600), path);
  }

  async add(item: unknown): Promise<void> {
    const line = `${JSON.stringify(item)}\n`;
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes >= WRITE_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    const { bytesWritten } = await this.handle.write(text).catch(noRoom);
    this.bytes += bytesWritten;
  }

  /** Every item added, in order, once all were written; `onBytes` hears how far the reading is. */
  async *items<T>(onBytes: (bytes: number) => void): AsyncGenerator<T> {
    await this.flush();
    let done = 0;
    let rest = '';
    for await (const chunk of createReadStream(this.path, { encoding: 'utf8', highWaterMark: 64 * 1024 }) as AsyncIterable<string>) {
      done += Buffer.byteLength(chunk);
      onBytes(done);
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) yield JSON.parse(line) as T;
    }
  }

  async remove(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * The body's chunks as they arrive, counted: more than `maxBytes` ends the
 * import with a 413 at once, however the body is sent (with or without a
 * Content-Length).
 */
export async function* limited(body: AsyncIterable<Uint8Array>, maxBytes: number, onBytes: (bytes: number) => void, tooLarge: () => Error): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.byteLength;
    if (bytes > maxBytes) throw tooLarge();
    onBytes(bytes);
    yield chunk;
  }
}
