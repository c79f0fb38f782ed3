import { describe, expect, it } from 'vitest';
import { ImportProgress, ImportResult } from '#shared/schemas/transfer.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { seedParties } from '../support/fixtures.ts';
import { counts, csvOf, csvRow, postCsv } from './transfer-support.ts';

/** A body that arrives in pieces, with no Content-Length, as a chunked upload does. */
function chunked(text: string, size = 4096): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.subarray(at, at + size));
      at += size;
    },
  });
}

describe('the import’s own limits', async () => {
  const t = await createTestApp({ config: { IMPORT_MAX_BYTES: 64 * 1024, IMPORT_MAX_ROWS: 100 } });
  const analyst = await t.createUser('analyst');
  await seedParties(t);

  it('takes a file larger than the 1 MiB that limits every other request', async () => {
    const big = await createTestApp();
    const user = await big.createUser('analyst');
    await seedParties(big);
    const rows = Array.from({ length: 1500 }, (_, i) => csvRow({ placedAt: new Date(Date.UTC(2012, 0, 1, 0, i)).toISOString(), topic: `Call ${i}`, notes: 'n'.repeat(800) }));
    const file = csvOf(rows);
    expect(file.length).toBeGreaterThan(1024 * 1024);
    const res = await postCsv(user, file);
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await bodyAs(res, ImportResult)).created.calls).toBe(1500);
    // Other routes keep the app-wide limit.
    await expectProblem(await user.request('/api/ministries', { method: 'POST', body: `{"name":"${'x'.repeat(1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } }), 413);
  });

  it('refuses a file over IMPORT_MAX_BYTES with a 413, from its Content-Length before reading it', async () => {
    const before = await counts(t);
    const file = csvOf(Array.from({ length: 90 }, (_, i) => csvRow({ topic: `Call ${i}`, notes: 'n'.repeat(800) })));
    expect(file.length).toBeGreaterThan(64 * 1024);
    const problem = await expectProblem(await postCsv(analyst, file), 413);
    expect((problem as { detail?: string }).detail).toMatch(/larger than the import limit of 65536 bytes/);
    expect(await counts(t)).toEqual(before);
  });

  it('refuses a chunked upload as soon as it passes IMPORT_MAX_BYTES', async () => {
    const before = await counts(t);
    const file = csvOf(Array.from({ length: 90 }, (_, i) => csvRow({ topic: `Call ${i}`, notes: 'n'.repeat(800) })));
    const res = await analyst.request('/api/import', { method: 'POST', body: chunked(file), headers: { 'content-type': 'text/csv' }, duplex: 'half' } as RequestInit);
    await expectProblem(res, 413);
    expect(await counts(t)).toEqual(before);
  });

  it('stores nothing, and logs no server error, when the upload is cut off midway', async () => {
    const before = await counts(t);
    const bytes = new TextEncoder().encode(csvOf(Array.from({ length: 20 }, (_, i) => csvRow({ topic: `Cut ${i}` }))));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 2000));
        controller.error(new Error('connection reset'));
      },
    });
    const res = await analyst.request('/api/import', { method: 'POST', body, headers: { 'content-type': 'text/csv' }, duplex: 'half' } as RequestInit);
    expect((await expectProblem(res, 400) as { detail?: string }).detail).toMatch(/did not arrive whole/);
    expect(await counts(t)).toEqual(before);
  });

  it('refuses a file of more rows than IMPORT_MAX_ROWS with a 413', async () => {
    const before = await counts(t);
    const file = csvOf(Array.from({ length: 101 }, (_, i) => csvRow({ topic: `${i}` })));
    const problem = await expectProblem(await postCsv(analyst, file), 413);
    expect((problem as { detail?: string }).detail).toMatch(/more than 100 calls/);
    expect(await counts(t)).toEqual(before);
    expect((await postCsv(analyst, csvOf(Array.from({ length: 100 }, (_, i) => csvRow({ topic: `${i}` }))))).status).toBe(201);
  });
});

describe('GET /api/import/progress/:id', async () => {
  const t = await createTestApp();
  const analyst = await t.createUser('analyst');
  const other = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');
  await seedParties(t);

  it('follows an import under the name its client chose, for that user only, and keeps the last word a minute', async () => {
    const id = 'a1b2c3d4-0000-4000-8000-00000000abcd';
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const file = csvOf(Array.from({ length: 50 }, (_, i) => csvRow({ topic: `Call ${i}` })));
    const bytes = new TextEncoder().encode(file);
    // The body stops halfway until the test has looked.
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.subarray(0, 4000));
        await gate;
        controller.enqueue(bytes.subarray(4000));
        controller.close();
      },
    });
    const answer = analyst.request(`/api/import?progressId=${id}`, { method: 'POST', body, headers: { 'content-type': 'text/csv', 'content-length': String(bytes.byteLength) }, duplex: 'half' } as RequestInit);

    const progress = async () => {
      const res = await analyst.request(`/api/import/progress/${id}`);
      return res.status === 200 ? await bodyAs(res, ImportProgress) : undefined;
    };
    await expect.poll(async () => (await progress())?.bytesDone).toBe(4000);
    expect(await progress()).toMatchObject({ phase: 'receiving', bytesDone: 4000, bytesTotal: bytes.byteLength });
    await expectProblem(await other.request(`/api/import/progress/${id}`), 404);
    await expectProblem(await viewer.request(`/api/import/progress/${id}`), 403);

    release();
    expect((await answer).status).toBe(201);
    expect((await progress())?.phase).toBe('done');
    await expectProblem(await analyst.request('/api/import/progress/never-used'), 404);
  });
});
