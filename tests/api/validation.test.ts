import { describe, expect, it } from 'vitest';
import { CallCreate } from '#shared/schemas/calls.ts';
import { Ministry, MinistryCreate } from '#shared/schemas/ministries.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { callRequest, countRows, insertCalls, seedParties } from '../support/fixtures.ts';

// Input rules every route shares (server/lib/validate.ts, pagination.ts,
// json-body.ts), each found by tests/reliability/fuzz.test.ts or the audit.
describe('input every route refuses alike', async () => {
  const t = await createTestApp();
  const p = await seedParties(t);
  const analyst = await t.createUser('analyst');
  const [callId] = await insertCalls(t, [
    { callerId: p.officials.kerry.id, calleeId: p.officials.lavrov.id, placedAt: '2013-02-12T15:00:00Z' },
    { callerId: p.officials.kerry.id, calleeId: p.officials.yang.id, placedAt: '2013-02-13T15:00:00Z' },
  ]);
  const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

  // PostgreSQL cannot store U+0000 in text: the statement failed and the answer was a 500.
  it('refuses U+0000 in a body field (422 naming it) and stores nothing, on both databases', async () => {
    const before = { calls: await countRows(t, 'calls'), ministries: await countRows(t, 'ministries'), history: await countRows(t, 'history') };
    await expectProblem(await analyst.request('/api/ministries', { method: 'POST', json: { name: 'a\u0000b', shortName: 'x', country: 'DE' } }), 422, ['name']);
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { notes: 'x\u0000' }) }), 422, ['notes']);
    await expectProblem(await analyst.request(`/api/officials/${p.officials.yun.id}`, { method: 'PATCH', json: { title: '\u0000' } }), 422, ['title']);
    expect({ calls: await countRows(t, 'calls'), ministries: await countRows(t, 'ministries'), history: await countRows(t, 'history') }).toEqual(before);
  });

  // The import parses CSV cells with these schemas, not through validate(): a NUL in a cell was a 500 on PostgreSQL.
  it('refuses U+0000 in the shared schemas too, for everything that parses with them', () => {
    const call = CallCreate.safeParse(callRequest(p, { topic: 'a\u0000', notes: '\u0000', source: 'b\u0000' }));
    expect(call.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['notes', 'source', 'topic']);
    expect(MinistryCreate.safeParse({ name: 'M\u0000', shortName: 'M', country: 'DE' }).success).toBe(false);
  });

  it('refuses U+0000 in a query or path (400 naming it)', async () => {
    await expectProblem(await analyst.request('/api/calls?q=a%00b'), 400, ['q']);
    await expectProblem(await analyst.request('/api/officials?ministryId=%00'), 400, ['ministryId']);
    await expectProblem(await analyst.request('/api/tokens/a%00b', { method: 'DELETE' }), 400, ['id']);
    await expectProblem(await analyst.request('/api/calls/%00'), 400, ['id']);
  });

  // PostgreSQL refuses 1.5 or 1e21 for a bigint: a crafted cursor was a 500 there.
  it.each([[[1.5, 'x']], [[1e21, 'x']], [[1e308, 'x']], [[2 ** 53 + 2, 'x']], [[0, 'a\u0000']], [['x', 'y']], [[1]], [{}]])(
    'refuses the cursor %j (400 naming cursor)',
    async (key) => {
      await expectProblem(await analyst.request(`/api/calls/awaiting?cursor=${cursor(key)}`), 400, ['cursor']);
      await expectProblem(await analyst.request(`/api/officials/${p.officials.kerry.id}/contacts?cursor=${cursor(key)}`), 400, ['cursor']);
      await expectProblem(await analyst.request(`/api/calls?cursor=${cursor(key)}`), 400, ['cursor']);
    },
  );

  it('still follows the cursors it issues', async () => {
    const first = (await (await analyst.request('/api/calls/awaiting?limit=1')).json()) as { nextCursor: string };
    const second = await analyst.request(`/api/calls/awaiting?limit=1&cursor=${first.nextCursor}`);
    expect(second.status).toBe(200);
    await expectProblem(await analyst.request(`/api/calls/${callId}/history?cursor=${cursor([0.5])}`), 400, ['cursor']);
  });

  // The unknown keys used to be read back out of zod's message, split at ", ".
  it('names an unknown field exactly, whatever characters its name holds', async () => {
    const body = await expectProblem(
      await analyst.request('/api/ministries', { method: 'POST', json: { name: 'n', shortName: 's', country: 'DE', 'a", "b': 1, 'x.y': 2 } }),
      422,
      ['a", "b', 'x.y'],
    );
    expect(body.errors).toHaveLength(2);
  });

  it('names at most 50 fields, and says how many more there were', async () => {
    const json = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`extra${i}`, i]));
    const res = await analyst.request('/api/ministries', { method: 'POST', json: { name: 'n', shortName: 's', country: 'DE', ...json } });
    const body = (await expectProblem(res, 422, ['extra0'])) as { errors: unknown[]; detail?: string };
    expect(body.errors).toHaveLength(50);
    expect(body.detail).toMatch(/and 30 more$/);
  });

  it('names __proto__ and constructor as unknown fields instead of taking them', async () => {
    const raw = '{"name":"n","shortName":"s","country":"DE","__proto__":{"createdAt":"x"},"constructor":{"prototype":{"role":"admin"}}}';
    await expectProblem(await analyst.request('/api/ministries', { method: 'POST', body: raw, headers: { 'content-type': 'application/json' } }), 422, ['__proto__', 'constructor']);
  });

  // Hono's validator reads only application/json and +json bodies and would
  // have validated `{}` instead: a PATCH answered 200 having ignored the body.
  it.each(['application/json-seq', 'application/jsonx', 'text/json'])('refuses a body sent as %s (400), changing nothing', async (type) => {
    const res = await analyst.request(`/api/ministries/${p.ministries.kr.id}`, { method: 'PATCH', body: JSON.stringify({ shortName: 'changed' }), headers: { 'content-type': type } });
    await expectProblem(res, 400);
    expect((await bodyAs(await analyst.request(`/api/ministries/${p.ministries.kr.id}`), Ministry)).shortName).toBe('MOFA Korea');
  });

  it('takes JSON with a charset and +json types', async () => {
    const res = await analyst.request(`/api/ministries/${p.ministries.kr.id}`, { method: 'PATCH', body: JSON.stringify({ shortName: 'MOFA ROK' }), headers: { 'content-type': 'application/merge-patch+json; charset=utf-8' } });
    expect(res.status).toBe(200);
    expect((await bodyAs(res, Ministry)).shortName).toBe('MOFA ROK');
  });
});
