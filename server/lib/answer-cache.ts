import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context } from 'hono';
import { changeMarkOf } from '../db/change-mark.ts';
import { COMPRESS_THRESHOLD_BYTES, choosesGzip } from './compression.ts';
import type { AppEnv } from './context.ts';

const gzipped = promisify(gzip);

interface Entry {
  key: string;
  mark: string;
  /** deps.clock.now() when it was computed. */
  at: number;
  /** How long it may be served (ms of deps.clock), whatever the mark: Infinity for an answer that does not run with the clock. */
  maxAgeMs: number;
  body: Uint8Array;
  etag: string;
  /** The body gzipped, made when a client first asks for it (off the event loop, in zlib's thread pool). */
  gzip?: Promise<Uint8Array>;
  /** Its bytes, once made while the entry is kept (counted in the cache's size). */
  gzipBytes: number;
}

/** An entry that can never be served again: computed under another mark, past its age, or (the clock went back) in the future. */
function stale(entry: Entry, mark: string, now: number): boolean {
  return entry.mark !== mark || now - entry.at >= entry.maxAgeMs || now < entry.at;
}

/** Answers kept at most (each a page of a list, tens of KB). */
const MAX_ENTRIES = 256;
const MAX_BYTES = 32 * 1024 * 1024;
/** Keys of short-lived answers computed once and not kept, remembered for a second one. */
const MAX_SEEN = 1024;

/**
 * Serialised JSON answers of read routes, kept while the database's change
 * mark (server/db/change-mark.ts) stays the same: any committed change, by
 * any writer, makes every entry stale. An answer that holds durations
 * running with the clock (waitingMs, workingMs of open calls) is kept at
 * most `maxAgeMs` as well. Each request still passes authentication and its
 * role check before it gets here (docs/decisions/0019-answer-cache.md).
 */
export class AnswerCache {
  readonly #entries = new Map<string, Entry>();
  /** Short-lived answers computed but not kept: key → when (deps.clock). */
  readonly #seen = new Map<string, number>();
  #bytes = 0;
  #serial = 0;

  /** Computations under way, by key and mark: concurrent misses wait for one. */
  readonly pending = new Map<string, Promise<Entry>>();

  /** Entries kept, and their bytes (bodies and the gzips made of them). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  get(key: string, mark: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (stale(entry, mark, now)) {
      this.#drop(key, entry);
      return undefined;
    }
    return entry;
  }

  /**
   * Makes the entry for an answer just computed, and keeps it — save an
   * answer that lives only `maxAgeMs` (it holds running waits) asked for
   * the first time in that span: it is answered, and kept when asked for
   * again. The board's pages of 500 awaiting calls, each asked for once,
   * would otherwise fill the cache for a second with bodies no one asks for
   * again, pushing out answers that live until the next change (the
   * statistics), and keep the bodies alive until V8's next full collection
   * (docs/performance.md, item 30).
   */
  set(key: string, mark: string, now: number, maxAgeMs: number, body: Uint8Array): Entry {
    const entry: Entry = { key, mark, at: now, maxAgeMs, body, etag: `W/"a${(++this.#serial).toString(36)}.${body.byteLength.toString(36)}"`, gzipBytes: 0 };
    if (maxAgeMs !== Infinity) {
      const seenAt = this.#seen.get(key);
      this.#seen.delete(key);
      if (seenAt === undefined || now - seenAt >= maxAgeMs || now < seenAt) {
        this.#seen.set(key, now);
        if (this.#seen.size > MAX_SEEN) this.#seen.delete(this.#seen.keys().next().value!);
        return entry;
      }
    }
    // What can never be served again goes first: entries under an older mark, or past their age.
    for (const [k, e] of this.#entries) if (stale(e, mark, now)) this.#drop(k, e);
    const old = this.#entries.get(key);
    if (old) this.#drop(key, old);
    this.#entries.set(key, entry);
    this.#bytes += body.byteLength;
    this.#trim();
    return entry;
  }

  /** Drops the oldest entries while there are too many or they are too big. */
  #trim(): void {
    while (this.#entries.size > MAX_ENTRIES || this.#bytes > MAX_BYTES) {
      const [oldestKey, oldest] = this.#entries.entries().next().value!;
      this.#drop(oldestKey, oldest);
    }
  }

  /** The entry's body gzipped, made once and counted in the cache's bytes while the entry is kept. */
  gzipOf(entry: Entry): Promise<Uint8Array> {
    if (!entry.gzip) {
      entry.gzip = gzipped(entry.body).then(
        (bytes) => {
          if (this.#entries.get(entry.key) === entry) {
            entry.gzipBytes = bytes.byteLength;
            this.#bytes += bytes.byteLength;
            this.#trim();
          }
          return bytes;
        },
        (error: unknown) => {
          // Tried again by the next request; this one is answered as it is.
          entry.gzip = undefined;
          throw error;
        },
      );
    }
    return entry.gzip;
  }

  #drop(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.body.byteLength + entry.gzipBytes;
  }
}

const caches = new WeakMap<object, AnswerCache>();

function cacheOf(db: object): AnswerCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new AnswerCache();
    caches.set(db, cache);
  }
  return cache;
}

const encoder = new TextEncoder();

/**
 * The entry as it is, or gzipped once for every client that takes gzip (the
 * compression middleware leaves an answer with a Content-Encoding alone).
 * Both carry the same weak entity tag: the same JSON, whatever the encoding.
 */
async function send(c: Context<AppEnv>, cache: AnswerCache, entry: Entry): Promise<Response> {
  const large = entry.body.byteLength >= COMPRESS_THRESHOLD_BYTES;
  const vary: Record<string, string> = large ? { Vary: 'Accept-Encoding' } : {};
  if (c.req.header('if-none-match')?.split(',').some((tag) => tag.trim() === entry.etag)) return c.body(null, 304, { ETag: entry.etag, ...vary });
  const headers = { 'Content-Type': 'application/json', ETag: entry.etag, ...vary };
  if (large && choosesGzip(c.req.header('Accept-Encoding'))) {
    const body = await cache.gzipOf(entry).catch(() => null);
    if (body) return c.body(body as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': String(body.byteLength) });
  }
  return c.body(entry.body as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Length': String(entry.body.byteLength) });
}

/**
 * Answers `compute()`'s value as JSON, from the cache when the database has
 * not changed since it was computed (and it is younger than `maxAgeMs`).
 * Without a change mark (a database that has none) it computes every time.
 */
export async function cachedJson<T>(c: Context<AppEnv>, key: string, compute: () => Promise<T>, maxAgeMs: (value: T) => number): Promise<Response> {
  const { db, clock } = c.var.deps;
  // Read before computing: a change committed meanwhile leaves the entry under the older mark, stale at once.
  const mark = changeMarkOf(db);
  if (mark === null) return c.json(await compute());
  const cache = cacheOf(db);
  const hit = cache.get(key, mark, clock.now());
  if (hit) return send(c, cache, hit);
  const pendingKey = `${mark}\u0000${key}`;
  let pending = cache.pending.get(pendingKey);
  if (!pending) {
    const now = clock.now();
    pending = compute()
      .then((value) => cache.set(key, mark, now, maxAgeMs(value), encoder.encode(JSON.stringify(value))))
      .finally(() => cache.pending.delete(pendingKey));
    cache.pending.set(pendingKey, pending);
  }
  return send(c, cache, await pending);
}

/** One second: how old a served duration that runs with the clock (an open call's wait) may be. */
export const RUNNING_MAX_AGE_MS = 1000;
