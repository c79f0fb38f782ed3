import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '#server/app.ts';
import { defaultConfig } from '#server/config.ts';
import { fixedClock } from '#server/lib/clock.ts';
import { choosesGzip } from '#server/lib/compression.ts';
import { precompressFiles } from '../../scripts/precompress.ts';
import { createTestApp } from '../support/app.ts';
import { createTestDatabase, testDialect } from '../support/database.ts';
import { seedStory } from './transfer-support.ts';

const GZIP = { 'Accept-Encoding': 'gzip, deflate, br' };

describe('API answers are compressed when the client accepts it', async () => {
  const t = await createTestApp();
  const analyst = await t.createUser('analyst');
  await seedStory(t, analyst);
  // A list comfortably above the threshold.
  for (let i = 0; i < 10; i++) await analyst.request('/api/ministries', { method: 'POST', json: { name: `Ministry number ${i} with a long enough name`, shortName: `M${i}`, country: 'DE' } });

  it('gzips a large JSON answer, with Vary, and it reads back the same', async () => {
    const plain = await analyst.request('/api/ministries?limit=100');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);
    const zipped = await analyst.request('/api/ministries?limit=100', { headers: GZIP });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(zipped.headers.get('content-type')).toMatch(/^application\/json/);
    // app.request hands back the encoded bytes as the network would.
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(text);
  });

  it('gzips a kept answer once, with the entity tag of the plain one, and honours q=0', async () => {
    // PostgreSQL has no change mark, so nothing is kept (decision 0019).
    if (testDialect !== 'sqlite') return;
    // The page holds an awaiting call: kept from the second time it is asked for within its second.
    await analyst.request('/api/calls?limit=50');
    const plain = await analyst.request('/api/calls?limit=50');
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(1024);
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^W\//);
    for (let i = 0; i < 2; i++) {
      const zipped = await analyst.request('/api/calls?limit=50', { headers: GZIP });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('etag')).toBe(etag);
      expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
      const bytes = Buffer.from(await zipped.arrayBuffer());
      expect(zipped.headers.get('content-length')).toBe(String(bytes.byteLength));
      expect(gunzipSync(bytes).toString()).toBe(text);
    }
    const notGzip = await analyst.request('/api/calls?limit=50', { headers: { 'Accept-Encoding': 'gzip;q=0, deflate' } });
    expect(notGzip.headers.get('content-encoding')).toBe('deflate');
    const unchanged = await analyst.request('/api/calls?limit=50', { headers: { ...GZIP, 'If-None-Match': etag! } });
    expect(unchanged.status).toBe(304);
  });

  it('chooses gzip as the compression middleware would', () => {
    expect(choosesGzip('gzip, deflate, br')).toBe(true);
    expect(choosesGzip('*')).toBe(true);
    expect(choosesGzip('deflate')).toBe(false);
    expect(choosesGzip('gzip;q=0')).toBe(false);
    expect(choosesGzip('deflate, gzip;q=0.5')).toBe(false);
    expect(choosesGzip('identity')).toBe(false);
    expect(choosesGzip(undefined)).toBe(false);
  });

  it('sends small answers as they are', async () => {
    const res = await analyst.request('/api/ministries?limit=1', { headers: GZIP });
    expect(res.headers.get('content-encoding')).toBeNull();
    const length = (await res.clone().arrayBuffer()).byteLength;
    expect(length).toBeLessThan(1024);
    expect(res.headers.get('content-length')).toBe(String(length));
    expect((await res.json()).items).toHaveLength(1);
  });

  it('compresses a large problem answer the same way', async () => {
    const res = await analyst.request(`/api/calls?q=${'x'.repeat(300)}&status=${'y,'.repeat(400)}`, { headers: GZIP });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = res.headers.get('content-encoding') === 'gzip' ? gunzipSync(Buffer.from(await res.arrayBuffer())).toString() : await res.text();
    expect(JSON.parse(body)).toMatchObject({ status: 400 });
  });

  it('streams a compressed export that unpacks to the same file, byte-order mark included', async () => {
    const plain = Buffer.from(await (await analyst.request('/api/export?format=csv')).arrayBuffer());
    const res = await analyst.request('/api/export?format=csv', { headers: GZIP });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).equals(plain)).toBe(true);
    const json = await analyst.request('/api/export?format=json', { headers: GZIP });
    expect(JSON.parse(gunzipSync(Buffer.from(await json.arrayBuffer())).toString())).toHaveLength(4);
  });

  it('never compresses or holds back the event stream', async () => {
    const controller = new AbortController();
    const res = await analyst.request('/api/events', { headers: GZIP, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('content-encoding')).toBeNull();
    const reader = res.body!.getReader();
    const first = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the first event was held back')), 3000))]);
    expect(new TextDecoder().decode(first.value)).toContain('event: ready');
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });
});

describe('the built client is served pre-compressed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'readout-client-'));
  mkdirSync(join(dir, 'assets'));
  const script = `console.log(${JSON.stringify('Readout '.repeat(400))});\n`;
  const html = `<!doctype html><html><head><title>Readout</title><script type="module" src="/assets/app-abc123.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), script);
  writeFileSync(join(dir, 'assets', 'tiny-abc123.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'index.html'), html);
  const written = await precompressFiles(dir, ['assets/app-abc123.js', 'assets/tiny-abc123.css', 'index.html']);
  const database = await createTestDatabase();
  const app = createApp({ db: database.db, dialect: database.dialect, clock: fixedClock('2013-02-18T12:00:00Z'), config: defaultConfig() }, { clientDir: dir });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const get = (path: string, encoding?: string) => app.request(`http://localhost${path}`, { headers: encoding === undefined ? {} : { 'Accept-Encoding': encoding } });

  it('writes brotli and gzip copies at build time, only of files worth it, that unpack to the original', () => {
    expect(written.sort()).toEqual(['assets/app-abc123.js.br', 'assets/app-abc123.js.gz', 'index.html.br', 'index.html.gz']);
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets/app-abc123.js.br'))).toString()).toBe(script);
    expect(gunzipSync(readFileSync(join(dir, 'assets/app-abc123.js.gz'))).toString()).toBe(script);
    expect(existsSync(join(dir, 'assets/tiny-abc123.css.br'))).toBe(false);
  });

  it('sends brotli to a browser that takes it, else gzip, else the file itself — always with Vary', async () => {
    const br = await get('/assets/app-abc123.js', 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(br.headers.get('cache-control')).toContain('immutable');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(script);

    const gz = await get('/assets/app-abc123.js', 'gzip, deflate');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);

    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await plain.text()).toBe(script);

    const tiny = await get('/assets/tiny-abc123.css', 'br');
    expect(tiny.headers.get('content-encoding')).toBeNull();
    expect(await tiny.text()).toBe('body{margin:0}');
  });

  it('sends the page compressed too, for every route of the dashboard', async () => {
    for (const path of ['/', '/calls', '/index.html']) {
      const res = await get(path, 'br;q=0, gzip');
      expect(res.headers.get('content-encoding'), path).toBe('gzip');
      expect(res.headers.get('vary'), path).toMatch(/accept-encoding/i);
      expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString(), path).toBe(html);
    }
    const plain = await get('/calls');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(html);
  });
});
