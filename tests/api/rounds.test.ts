import { describe, expect, it } from 'vitest';
import { Call } from '#shared/schemas/calls.ts';
import { HistoryList } from '#shared/schemas/history.ts';
import { MAX_ROUND_CALLS, RoundDetail } from '#shared/schemas/rounds.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { countRows, insertOfficial, seedParties } from '../support/fixtures.ts';
import { readEvents } from '../support/sse.ts';

describe('rounds: log a round with its calls, change it, delete it', async () => {
  const t = await createTestApp({ now: '2013-02-15T17:00:00Z' });
  const p = await seedParties(t);
  const { kerry, lavrov, kishida, yang, yun } = p.officials;
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');

  const roundBody = (overrides: Record<string, unknown> = {}) => ({
    title: 'DPRK nuclear test',
    trigger: "North Korea's third nuclear test",
    triggerAt: '2013-02-12T02:57:51Z',
    initiatorId: kerry.id,
    calls: [{ calleeId: kishida.id, placedAt: '2013-02-12T15:00:00Z' }, { calleeId: yun.id, channel: 'video', topic: 'Sanctions' }, { calleeId: lavrov.id }],
    ...overrides,
  });
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await analyst.request('/api/rounds', { method: 'POST', json: roundBody(overrides) });
    expect(res.status, await res.clone().text()).toBe(201);
    return bodyAs(res, RoundDetail);
  };
  const stored = async () => ({ rounds: Number((await t.db.selectFrom('rounds').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), calls: await countRows(t, 'calls'), history: await countRows(t, 'history') });

  it('logs the whole round in one go, each call with the defaults SPEC.md gives', async () => {
    const res = await analyst.request('/api/rounds', { method: 'POST', json: roundBody() });
    expect(res.status).toBe(201);
    const round = await bodyAs(res, RoundDetail);
    expect(res.headers.get('location')).toBe(`/api/rounds/${round.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(round).toMatchObject({ title: 'DPRK nuclear test', triggerAt: '2013-02-12T02:57:51.000Z', initiatorId: kerry.id, version: 1, createdBy: analyst.username });
    expect(round.initiator).toMatchObject({ name: 'John Kerry', ministry: { shortName: 'State Dept' } });
    expect(round.summary).toMatchObject({ calls: 3, awaiting: 3, replied: 0, longestWaitMs: Date.parse('2013-02-15T17:00:00Z') - Date.parse('2013-02-12T02:57:51Z') });
    const byCallee = new Map(round.calls.map((c) => [c.calleeId, c]));
    expect(byCallee.get(kishida.id)).toMatchObject({ callerId: kerry.id, placedAt: '2013-02-12T15:00:00.000Z', channel: 'phone', topic: "North Korea's third nuclear test", roundId: round.id, attempts: 1 });
    expect(byCallee.get(yun.id)).toMatchObject({ placedAt: '2013-02-12T02:57:51.000Z', channel: 'video', topic: 'Sanctions' });
    expect(byCallee.get(lavrov.id)).toMatchObject({ placedAt: '2013-02-12T02:57:51.000Z', lastAttemptAt: '2013-02-12T02:57:51.000Z' });
    // Each call is a call like any other, with its own creation in its history.
    const call = byCallee.get(lavrov.id)!;
    expect(await bodyAs(await viewer.request(`/api/calls/${call.id}`), Call)).toMatchObject({ roundId: round.id, status: 'awaiting' });
    const history = await bodyAs(await viewer.request(`/api/calls/${call.id}/history`), HistoryList);
    expect(history.items.map((e) => e.action)).toEqual(['create']);
    const roundHistory = await bodyAs(await viewer.request(`/api/rounds/${round.id}/history`), HistoryList);
    expect(roundHistory.items).toHaveLength(1);
    expect(roundHistory.items[0]).toMatchObject({ action: 'create', entityType: 'round', before: null, after: { id: round.id, title: 'DPRK nuclear test' } });
  });

  it('places calls at the server’s now without a triggerAt, and takes the trigger as the title when none is given', async () => {
    const round = await create({ title: undefined, triggerAt: undefined, trigger: 'Chemical attack', calls: [{ calleeId: yang.id }] });
    expect(round).toMatchObject({ title: 'Chemical attack', triggerAt: null });
    expect(round.calls[0]).toMatchObject({ placedAt: '2013-02-15T17:00:00.000Z', waitingMs: 0, topic: 'Chemical attack' });
  });

  it('logs a round without calls, to put calls in later', async () => {
    const round = await create({ calls: undefined, initiatorId: undefined });
    expect(round.calls).toEqual([]);
    expect(round.summary).toEqual({ calls: 0, replied: 0, awaiting: 0, withdrawn: 0, medianResponseMs: null, longestWaitMs: null, lastReplyAt: null });
  });

  it('refuses bad input naming the field, and stores nothing, not even part of the round', async () => {
    const before = await stored();
    const cases: [Record<string, unknown>, string][] = [
      [{ calls: [] }, 'calls'],
      [{ calls: Array.from({ length: MAX_ROUND_CALLS + 1 }, (_, i) => ({ calleeId: `o-${i}` })) }, 'calls'],
      [{ calls: [{ calleeId: lavrov.id }, { calleeId: yun.id }, { calleeId: lavrov.id }] }, 'calls.2.calleeId'],
      [{ calls: [{ calleeId: yun.id }, { calleeId: kerry.id }] }, 'calls.1.calleeId'],
      [{ calls: [{ calleeId: yun.id }, { calleeId: '00000000-0000-4000-8000-000000000000' }] }, 'calls.1.calleeId'],
      [{ initiatorId: '00000000-0000-4000-8000-000000000000' }, 'initiatorId'],
      [{ initiatorId: undefined }, 'initiatorId'],
      [{ calls: [{ calleeId: yun.id }, { calleeId: lavrov.id, placedAt: '2013-03-01T00:00:00Z' }] }, 'calls.1.placedAt'],
      [{ triggerAt: '2013-03-01T00:00:00Z' }, 'triggerAt'],
      [{ trigger: '' }, 'trigger'],
    ];
    for (const [overrides, field] of cases) {
      await expectProblem(await analyst.request('/api/rounds', { method: 'POST', json: roundBody(overrides) }), 422, [field]);
    }
    expect(await stored()).toEqual(before);
  });

  it('lets 199 calls go in at once', async () => {
    const ministryId = p.ministries.kr.id;
    const callees = [];
    for (let i = 0; i < MAX_ROUND_CALLS; i++) callees.push(await insertOfficial(t, { name: `Envoy ${i}`, title: 'Envoy', ministryId, timeZone: 'Asia/Seoul' }));
    const round = await create({ calls: callees.map((o) => ({ calleeId: o.id })) });
    expect(round.summary.calls).toBe(MAX_ROUND_CALLS);
  });

  it('reads for viewers, writes for analysts', async () => {
    await expectProblem(await viewer.request('/api/rounds', { method: 'POST', json: roundBody() }), 403);
    const round = await create({ calls: undefined, initiatorId: undefined });
    await expectProblem(await viewer.request(`/api/rounds/${round.id}`, { method: 'PATCH', json: { title: 'x' }, headers: { 'If-Match': '"1"' } }), 403);
    await expectProblem(await viewer.request(`/api/rounds/${round.id}`, { method: 'DELETE', headers: { 'If-Match': '"1"' } }), 403);
    expect((await viewer.request(`/api/rounds/${round.id}`)).status).toBe(200);
    expect((await viewer.request('/api/rounds')).status).toBe(200);
  });

  it('changes a round only with the If-Match of its current version (428, 412), recording each change', async () => {
    const round = await create({ calls: undefined, initiatorId: undefined });
    const path = `/api/rounds/${round.id}`;
    await expectProblem(await analyst.request(path, { method: 'PATCH', json: { title: 'Renamed' } }), 428, ['If-Match']);
    await expectProblem(await analyst.request(path, { method: 'PATCH', json: { title: 'Renamed' }, headers: { 'If-Match': '*' } }), 428, ['If-Match']);
    const res = await analyst.request(path, { method: 'PATCH', json: { title: 'Renamed', initiatorId: kerry.id, notes: 'Kerry’s first weeks' }, headers: { 'If-Match': '"1"' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(await bodyAs(res, RoundDetail)).toMatchObject({ title: 'Renamed', initiatorId: kerry.id, notes: 'Kerry’s first weeks', version: 2 });
    const stale = await analyst.request(path, { method: 'PATCH', json: { title: 'Again' }, headers: { 'If-Match': '"1"' } });
    await expectProblem(stale, 412, ['If-Match']);
    expect(stale.headers.get('etag')).toBe('"2"');
    await expectProblem(await analyst.request(path, { method: 'PATCH', json: { initiatorId: 'nobody' }, headers: { 'If-Match': '"2"' } }), 422, ['initiatorId']);
    // A patch that changes nothing stores nothing.
    const same = await analyst.request(path, { method: 'PATCH', json: { title: 'Renamed' }, headers: { 'If-Match': '"2"' } });
    expect((await bodyAs(same, RoundDetail)).version).toBe(2);
    const history = await bodyAs(await viewer.request(`${path}/history`), HistoryList);
    expect(history.items.map((e) => e.action)).toEqual(['create', 'update']);
    expect(history.items[1]).toMatchObject({ before: { title: 'DPRK nuclear test', version: 1 }, after: { title: 'Renamed', version: 2 } });
  });

  it('deletes a round and keeps its calls, their roundId cleared and recorded in their history', async () => {
    const round = await create({ calls: [{ calleeId: lavrov.id }, { calleeId: yang.id }] });
    const path = `/api/rounds/${round.id}`;
    await expectProblem(await analyst.request(path, { method: 'DELETE' }), 428, ['If-Match']);
    await expectProblem(await analyst.request(path, { method: 'DELETE', headers: { 'If-Match': '"7"' } }), 412, ['If-Match']);
    const before = await countRows(t, 'calls');
    expect((await analyst.request(path, { method: 'DELETE', headers: { 'If-Match': '"1"' } })).status).toBe(204);
    await expectProblem(await viewer.request(path), 404);
    expect(await countRows(t, 'calls')).toBe(before);
    for (const call of round.calls) {
      const kept = await bodyAs(await viewer.request(`/api/calls/${call.id}`), Call);
      expect(kept).toMatchObject({ roundId: null, version: 2, status: 'awaiting' });
      const history = await bodyAs(await viewer.request(`/api/calls/${call.id}/history`), HistoryList);
      expect(history.items.map((e) => [e.action, e.before?.roundId ?? null, e.after?.roundId ?? null])).toEqual([
        ['create', null, round.id],
        ['update', round.id, null],
      ]);
    }
    const history = await bodyAs(await viewer.request(`${path}/history`), HistoryList);
    expect(history.items.map((e) => e.action)).toEqual(['create', 'delete']);
    await expectProblem(await viewer.request('/api/rounds/never-was/history'), 404);
  });

  it('sends round.created, round.updated and round.deleted on the event stream', async () => {
    const from = Number((await t.db.selectFrom('history').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq);
    const round = await create({ calls: [{ calleeId: yang.id }] });
    await analyst.request(`/api/rounds/${round.id}`, { method: 'PATCH', json: { title: 'Renamed' }, headers: { 'If-Match': '"1"' } });
    await analyst.request(`/api/rounds/${round.id}`, { method: 'DELETE', headers: { 'If-Match': '"2"' } });
    const controller = new AbortController();
    const response = await viewer.request('/api/events', { signal: controller.signal, headers: { 'Last-Event-ID': String(from) } });
    const events = (await readEvents(response, 5)).map((m) => JSON.parse(m.data) as { type: string; id: string });
    controller.abort();
    const call = round.calls[0]!;
    expect(events.map((e) => [e.type, e.id])).toEqual([
      ['round.created', round.id],
      ['call.created', call.id],
      ['round.updated', round.id],
      ['call.updated', call.id],
      ['round.deleted', round.id],
    ]);
  });
});
