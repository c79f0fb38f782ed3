import { describe, expect, it } from 'vitest';
import { Call, CallList } from '#shared/schemas/calls.ts';
import { HistoryList } from '#shared/schemas/history.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { callRequest, countRows, seedParties } from '../support/fixtures.ts';

describe('calls: create, read, delete, history', async () => {
  const t = await createTestApp({ now: '2013-02-18T12:00:00Z' });
  const p = await seedParties(t);
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');

  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, overrides) });
    expect(res.status, await res.clone().text()).toBe(201);
    return bodyAs(res, Call);
  };

  it('creates a call and answers the stored object with Location and ETag', async () => {
    const res = await analyst.request('/api/calls', {
      method: 'POST',
      json: callRequest(p, { notes: 'Lavrov is travelling in Africa', source: 'The Cable, 15 Feb 2013' }),
    });
    expect(res.status).toBe(201);
    const call = await bodyAs(res, Call);
    expect(res.headers.get('location')).toBe(`/api/calls/${call.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(call).toMatchObject({
      callerId: p.officials.kerry.id,
      calleeId: p.officials.lavrov.id,
      placedAt: '2013-02-12T15:00:00.000Z',
      channel: 'phone',
      topic: 'North Korea nuclear test',
      notes: 'Lavrov is travelling in Africa',
      source: 'The Cable, 15 Feb 2013',
      status: 'awaiting',
      respondedAt: null,
      closedAt: null,
      responseMs: null,
      version: 1,
      createdAt: '2013-02-18T12:00:00.000Z',
      updatedAt: '2013-02-18T12:00:00.000Z',
      createdBy: analyst.username,
    });
    expect(call.caller).toEqual({
      id: p.officials.kerry.id,
      name: 'John Kerry',
      title: 'Secretary of State',
      timeZone: 'America/New_York',
      ministry: { id: p.ministries.us.id, name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' },
    });
    expect(call.callee).toMatchObject({ name: 'Sergei Lavrov', timeZone: 'Europe/Moscow', ministry: { shortName: 'MFA Russia', country: 'RU' } });

    const read = await viewer.request(`/api/calls/${call.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(await bodyAs(read, Call)).toEqual(call);
  });

  it('stores empty notes and source as null and trims the topic', async () => {
    const call = await create({ notes: '   ', source: '', topic: '  Nuclear test  ' });
    expect(call).toMatchObject({ notes: null, source: null, topic: 'Nuclear test' });
  });

  it('lists calls with their parties embedded', async () => {
    const res = await viewer.request('/api/calls');
    expect(res.status).toBe(200);
    const list = await bodyAs(res, CallList);
    expect(list.items.length).toBeGreaterThan(0);
    for (const call of list.items) expect(call.caller.ministry.country).toBe('US');
  });

  it('answers 404 for a call that does not exist', async () => {
    await expectProblem(await viewer.request('/api/calls/no-such-call'), 404);
    await expectProblem(await viewer.request('/api/calls/no-such-call/history'), 404);
  });

  it('refuses anonymous requests (401) and writes by viewers (403), storing nothing', async () => {
    const before = await countRows(t, 'calls');
    await expectProblem(await t.request('/api/calls'), 401);
    await expectProblem(await viewer.request('/api/calls', { method: 'POST', json: callRequest(p) }), 403);
    const call = await create();
    await expectProblem(await viewer.request(`/api/calls/${call.id}`, { method: 'PATCH', json: { topic: 'x' }, headers: { 'if-match': '"1"' } }), 403);
    await expectProblem(await viewer.request(`/api/calls/${call.id}`, { method: 'DELETE', headers: { 'if-match': '"1"' } }), 403);
    expect(await countRows(t, 'calls')).toBe(before + 1);
  });

  it.each([
    ['createdBy', 'mallory'],
    ['responseMs', 1000],
    ['version', 7],
    ['id', 'chosen-id'],
    ['createdAt', '2013-02-12T15:00:00Z'],
  ])('rejects the unknown field %s (422) and stores nothing', async (field, value) => {
    const calls = await countRows(t, 'calls');
    const history = await countRows(t, 'history');
    const res = await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { [field]: value }) });
    await expectProblem(res, 422, [field]);
    expect(await countRows(t, 'calls')).toBe(calls);
    expect(await countRows(t, 'history')).toBe(history);
  });

  it('rejects a caller who is also the callee, naming calleeId', async () => {
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { calleeId: p.officials.kerry.id }) }), 422, ['calleeId']);
  });

  it.each(['callerId', 'calleeId'])('rejects an unknown %s (422)', async (field) => {
    const before = await countRows(t, 'calls');
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { [field]: 'nobody' }) }), 422, [field]);
    expect(await countRows(t, 'calls')).toBe(before);
  });

  it.each([
    ['channel', 'carrier pigeon'],
    ['status', 'ignored'],
    ['topic', ''],
    ['topic', 42],
    ['placedAt', 1360681200000],
  ])('rejects %s = %j (422)', async (field, value) => {
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { [field]: value }) }), 422, [field]);
  });

  it('names every missing required field', async () => {
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: {} }), 422, ['callerId', 'calleeId', 'placedAt', 'channel', 'topic']);
  });

  it('answers malformed JSON with 400 and a non-JSON body with 400', async () => {
    const before = await countRows(t, 'calls');
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', body: '{"topic": ', headers: { 'content-type': 'application/json' } }), 400);
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', body: 'topic=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400);
    expect(await countRows(t, 'calls')).toBe(before);
  });

  it('refuses a body over 1 MiB (413)', async () => {
    const before = await countRows(t, 'calls');
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { notes: 'x'.repeat(1024 * 1024 + 1) }) }), 413);
    expect(await countRows(t, 'calls')).toBe(before);
  });

  it('deletes a call (204); its history stays readable', async () => {
    const call = await create({ topic: 'To be deleted' });
    const res = await analyst.request(`/api/calls/${call.id}`, { method: 'DELETE', headers: { 'if-match': '"1"' } });
    expect(res.status).toBe(204);
    await expectProblem(await viewer.request(`/api/calls/${call.id}`), 404);
    await expectProblem(await analyst.request(`/api/calls/${call.id}`, { method: 'DELETE', headers: { 'if-match': '"1"' } }), 404);
    const history = await bodyAs(await viewer.request(`/api/calls/${call.id}/history`), HistoryList);
    expect(history.items.map((e) => e.action)).toEqual(['create', 'delete']);
    expect(history.items[1]).toMatchObject({ actor: analyst.username, before: { id: call.id, topic: 'To be deleted' }, after: null });
  });

  it('names who changed a call by their display name in its history, and others (the seed) by their name', async () => {
    const call = await create({ topic: 'Named in history' });
    await t.db.updateTable('users').set({ display_name: 'Ada Lovelace' }).where('username', '=', analyst.username).execute();
    await t.db.insertInto('history').values({ at: Date.now(), actor: 'seed', action: 'update', entity_type: 'call', entity_id: call.id, before: null, after: null }).execute();
    try {
      const history = await bodyAs(await viewer.request(`/api/calls/${call.id}/history`), HistoryList);
      expect(history.items.map((e) => [e.actor, e.actorName])).toEqual([[analyst.username, 'Ada Lovelace'], ['seed', 'seed']]);
    } finally {
      await t.db.updateTable('users').set({ display_name: analyst.username }).where('username', '=', analyst.username).execute();
    }
  });

  it('records create and update in the history with the call before and after', async () => {
    const call = await create();
    t.clock.advance(60_000);
    const patched = await analyst.request(`/api/calls/${call.id}`, { method: 'PATCH', json: { status: 'returned' }, headers: { 'if-match': '"1"' } });
    expect(patched.status).toBe(200);
    const after = await bodyAs(patched, Call);

    const res = await viewer.request(`/api/calls/${call.id}/history`);
    expect(res.status).toBe(200);
    const history = await bodyAs(res, HistoryList);
    expect(history.nextCursor).toBeNull();
    expect(history.items).toHaveLength(2);
    const [created, updated] = history.items;
    // History keeps the call as stored: workingMs is derived when answered, never stored.
    const stored = ({ workingMs: _, ...rest }: typeof call) => rest;
    expect(created).toMatchObject({ action: 'create', actor: analyst.username, entityType: 'call', entityId: call.id, before: null, after: stored(call) });
    expect(created!.after).not.toHaveProperty('workingMs');
    expect(updated).toMatchObject({ action: 'update', actor: analyst.username, at: after.updatedAt, before: stored(call), after: stored(after) });
    expect(updated!.seq).toBeGreaterThan(created!.seq);

    const firstPage = await bodyAs(await viewer.request(`/api/calls/${call.id}/history?limit=1`), HistoryList);
    expect(firstPage.items).toEqual([created]);
    const secondPage = await bodyAs(await viewer.request(`/api/calls/${call.id}/history?limit=1&cursor=${firstPage.nextCursor}`), HistoryList);
    expect(secondPage.items).toEqual([updated]);
  });

  it('documents every calls route, with its headers and refusals', async () => {
    type Operation = { tags?: string[]; parameters?: { in: string; name: string; required?: boolean }[]; responses: Record<string, unknown> };
    const doc = (await (await t.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Operation>> };
    const op = (path: string, method: string) => doc.paths[path]?.[method];
    const headers = (o: Operation | undefined) => (o?.parameters ?? []).filter((x) => x.in === 'header').map((x) => `${x.name}${x.required ? '*' : ''}`);
    for (const [path, method] of [['/calls', 'get'], ['/calls', 'post'], ['/calls/awaiting', 'get'], ['/calls/{id}', 'get'], ['/calls/{id}', 'patch'], ['/calls/{id}', 'delete'], ['/calls/{id}/history', 'get']] as const) {
      expect(op(path, method)?.tags, `${method} ${path}`).toEqual(['calls']);
    }
    expect(headers(op('/calls', 'post'))).toEqual(['Idempotency-Key']);
    expect(headers(op('/calls/{id}', 'patch'))).toEqual(['If-Match*']);
    expect(headers(op('/calls/{id}', 'delete'))).toEqual(['If-Match*']);
    expect(Object.keys(op('/calls/{id}', 'patch')!.responses)).toEqual(expect.arrayContaining(['200', '409', '412', '422', '428']));
  });
});
