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
    cache.set('page 1', 'mark-1', 0, 1000, body(100));
    cache.set('stats', 'mark-1', 0, Infinity, body(10));
    expect(cache.size).toEqual({ entries: 2, bytes: 110 });
    // A second and a half later the running page is past its age: dropped without being asked for.
    cache.set('page 2', 'mark-1', 1500, 1000, body(200));
    cache.set('page 2', 'mark-1', 1500, 1000, body(200));
    expect(cache.size).toEqual({ entries: 2, bytes: 210 });
    expect(cache.get('stats', 'mark-1', 1500)?.body.byteLength).toBe(10);
    // A write moved the mark: nothing kept under the old one can be served.
    cache.set('page 1', 'mark-2', 1600, 1000, body(50));
    cache.set('page 1', 'mark-2', 1600, 1000, body(50));
    expect(cache.size).toEqual({ entries: 1, bytes: 50 });
    expect(cache.get('page 1', 'mark-2', 1600)?.body.byteLength).toBe(50);
  });
});

describe('a short-lived answer', () => {
  const body = (n: number) => new Uint8Array(n);

  it('is kept when asked for a second time within its age, not the first', () => {
    const cache = new AnswerCache();
    const once = cache.set('board page 7', 'mark-1', 0, 1000, body(500));
    expect(once.body.byteLength).toBe(500);
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
    expect(cache.get('board page 7', 'mark-1', 10)).toBeUndefined();
    const again = cache.set('board page 7', 'mark-1', 400, 1000, body(500));
    expect(cache.size).toEqual({ entries: 1, bytes: 500 });
    expect(cache.get('board page 7', 'mark-1', 900)).toBe(again);
  });

  it('is not kept when the first time was longer ago than its age, nor when the clock went back', () => {
    const cache = new AnswerCache();
    cache.set('awaiting', 'mark-1', 0, 1000, body(10));
    cache.set('awaiting', 'mark-1', 1000, 1000, body(10));
    expect(cache.size.entries).toBe(0);
    cache.set('awaiting', 'mark-1', 500, 1000, body(10));
    expect(cache.size.entries).toBe(0);
    cache.set('awaiting', 'mark-1', 600, 1000, body(10));
    expect(cache.size.entries).toBe(1);
  });

  it('does not push out an answer that lives until the next change', () => {
    const cache = new AnswerCache();
    const stats = cache.set('stats', 'mark-1', 0, Infinity, body(30 * 1024 * 1024));
    expect(cache.size.entries).toBe(1);
    for (let page = 0; page < 40; page++) cache.set(`board page ${page}`, 'mark-1', 10, 1000, body(800 * 1024));
    expect(cache.get('stats', 'mark-1', 20)).toBe(stats);
  });
});
