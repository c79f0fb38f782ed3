import { describe, expect, it } from 'vitest';
import { Call } from '#shared/schemas/calls.ts';
import { HistoryList } from '#shared/schemas/history.ts';
import { ExportRows, ImportResult } from '#shared/schemas/transfer.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { callRequest, countRows, seedParties } from '../support/fixtures.ts';
import { postJson } from './transfer-support.ts';

describe('promised callbacks: promisedBy and acknowledgedAt', async () => {
  const t = await createTestApp({ now: '2013-02-14T12:00:00Z' });
  const p = await seedParties(t);
  const analyst = await t.createUser('analyst');

  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, overrides) });
    expect(res.status, await res.clone().text()).toBe(201);
    return bodyAs(res, Call);
  };
  const patch = (call: Call, json: Record<string, unknown>) =>
    analyst.request(`/api/calls/${call.id}`, { method: 'PATCH', json, headers: { 'If-Match': `"${call.version}"` } });

  it('takes a promise in the future and an acknowledgement; the call stays awaiting', async () => {
    const call = await create({ promisedBy: '2013-02-15T18:00:00+03:00', acknowledgedAt: '2013-02-13T09:30:00Z' });
    expect(call).toMatchObject({ status: 'awaiting', promisedBy: '2013-02-15T15:00:00.000Z', acknowledgedAt: '2013-02-13T09:30:00.000Z' });
    const fresh = await bodyAs(await analyst.request(`/api/calls/${call.id}`), Call);
    expect(fresh.promisedBy).toBe('2013-02-15T15:00:00.000Z');
  });

  it('refuses a promise before the call, an acknowledgement in the future or not a date, naming the field and storing nothing', async () => {
    const before = await countRows(t, 'calls');
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { promisedBy: '2013-02-11T00:00:00Z' }) }), 422, ['promisedBy']);
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { acknowledgedAt: '2013-02-20T00:00:00Z' }) }), 422, ['acknowledgedAt']);
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { acknowledgedAt: '2013-02-12T14:00:00Z' }) }), 422, ['acknowledgedAt']);
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { promisedBy: 'Friday' }) }), 422, ['promisedBy']);
    expect(await countRows(t, 'calls')).toBe(before);
  });

  it('sets and clears them by PATCH, each change in the history', async () => {
    const call = await create();
    const set = await bodyAs(await patch(call, { promisedBy: '2013-02-16T10:00:00Z', acknowledgedAt: '2013-02-14T11:00:00Z' }), Call);
    expect(set).toMatchObject({ version: 2, promisedBy: '2013-02-16T10:00:00.000Z', acknowledgedAt: '2013-02-14T11:00:00.000Z', status: 'awaiting' });
    await expectProblem(await patch(set, { promisedBy: '2013-02-01T00:00:00Z' }), 422, ['promisedBy']);
    const cleared = await bodyAs(await patch(set, { promisedBy: null }), Call);
    expect(cleared).toMatchObject({ version: 3, promisedBy: null, acknowledgedAt: '2013-02-14T11:00:00.000Z' });
    const history = await bodyAs(await analyst.request(`/api/calls/${call.id}/history`), HistoryList);
    expect(history.items.map((h) => h.after?.promisedBy ?? null)).toEqual([null, '2013-02-16T10:00:00.000Z', null]);
  });

  it('clears both when the call is reopened', async () => {
    const call = await create({ promisedBy: '2013-02-16T10:00:00Z', acknowledgedAt: '2013-02-13T09:30:00Z' });
    const returned = await bodyAs(await patch(call, { status: 'returned', respondedAt: '2013-02-14T10:00:00Z' }), Call);
    expect(returned.promisedBy).toBe('2013-02-16T10:00:00.000Z');
    const reopened = await bodyAs(await patch(returned, { status: 'awaiting' }), Call);
    expect(reopened).toMatchObject({ status: 'awaiting', promisedBy: null, acknowledgedAt: null });
  });

  it('exports both as the last columns and imports them back', async () => {
    const call = await create({ topic: 'Exported promise', promisedBy: '2013-02-16T10:00:00Z', acknowledgedAt: '2013-02-13T09:30:00Z' });
    const rows = await bodyAs(await analyst.request('/api/export?format=json&q=Exported'), ExportRows);
    expect(rows).toHaveLength(1);
    const keys = Object.keys(rows[0]!);
    expect(keys.slice(-2)).toEqual(['promisedBy', 'acknowledgedAt']);
    expect(rows[0]).toMatchObject({ id: call.id, promisedBy: '2013-02-16T10:00:00.000Z', acknowledgedAt: '2013-02-13T09:30:00.000Z' });

    const target = await createTestApp({ now: '2013-02-14T12:00:00Z' });
    const importer = await target.createUser('analyst');
    const res = await postJson(importer, rows);
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await bodyAs(res, ImportResult)).created.calls).toBe(1);
    const imported = await bodyAs(await importer.request(`/api/calls/${call.id}`), Call);
    expect(imported).toMatchObject({ promisedBy: '2013-02-16T10:00:00.000Z', acknowledgedAt: '2013-02-13T09:30:00.000Z' });
    // The same row again matches the stored call; a different promise is an error in that cell.
    expect((await bodyAs(await postJson(importer, rows), ImportResult)).skipped.calls).toBe(1);
    const changed = await postJson(importer, [{ ...rows[0], promisedBy: '2013-02-17T10:00:00Z' }]);
    const problem = await expectProblem(changed, 422);
    expect(JSON.stringify(problem)).toContain('promisedBy');
    const early = await postJson(importer, [{ ...rows[0], id: undefined, topic: 'early', promisedBy: '2013-02-01T00:00:00Z' }]);
    expect(JSON.stringify(await expectProblem(early, 422))).toContain('rows.1.promisedBy');
  });
});
