import type * as Zlib from 'node:zlib';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';

// node:zlib's gzip, failing the first time it is asked.
const failures = vi.hoisted(() => ({ left: 1 }));
vi.mock('node:zlib', async (original) => {
  const zlib = await original<typeof Zlib>();
  const gzip = (body: Uint8Array, done: (error: Error | null, result?: Buffer) => void) => {
    if (failures.left > 0) {
      failures.left -= 1;
      queueMicrotask(() => done(new Error('zlib failed')));
      return;
    }
    zlib.gzip(body, done);
  };
  return { ...zlib, gzip };
});

const { AnswerCache } = await import('./answer-cache.ts');

describe('a kept answer gzipped', () => {
  it('is made again after gzip failed once, then kept', async () => {
    const cache = new AnswerCache();
    const body = new TextEncoder().encode(JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ i, text: 'Nuclear test' })) }));
    const entry = cache.set('calls', 'mark-1', 0, Infinity, body);
    await expect(cache.gzipOf(entry)).rejects.toThrow('zlib failed');
    const zipped = await cache.gzipOf(entry);
    expect(new TextDecoder().decode(gunzipSync(zipped))).toBe(new TextDecoder().decode(body));
    expect(await cache.gzipOf(entry)).toBe(zipped);
  });
});

describe('the kept answers', () => {
  it('lose what can never be served again whenever an answer is kept: older marks, and answers past their age', () => {
    const cache = new AnswerCache();
    const body = (n: number) => new Uint8Array(n);
    cache.set('page 1', 'mark-1', 0, 1000, body(100));
    cache.set('stats', 'mark-1', 0, Infinity, body(10));
    expect(cache.size).toEqual({ entries: 2, bytes: 110 });
    // A second and a half later the running page is past its age: dropped without being asked for.
    cache.set('page 2', 'mark-1', 1500, 1000, body(200));
    expect(cache.size).toEqual({ entries: 2, bytes: 210 });
    expect(cache.get('stats', 'mark-1', 1500)?.body.byteLength).toBe(10);
    // A write moved the mark: nothing kept under the old one can be served.
    cache.set('page 1', 'mark-2', 1600, 1000, body(50));
    expect(cache.size).toEqual({ entries: 1, bytes: 50 });
    expect(cache.get('page 1', 'mark-2', 1600)?.body.byteLength).toBe(50);
  });
});
