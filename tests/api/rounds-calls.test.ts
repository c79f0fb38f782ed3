import { describe, expect, it } from 'vitest';
import { AwaitingList, Call, CallList } from '#shared/schemas/calls.ts';
import { HistoryList } from '#shared/schemas/history.ts';
import { RoundDetail } from '#shared/schemas/rounds.ts';
import { ResponseTimes, Trend } from '#shared/schemas/stats.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { callRequest, countRows, seedParties } from '../support/fixtures.ts';

const H = 3_600_000;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('calls in rounds: roundId on writes, on the call lists and on the statistics', async () => {
  const t = await createTestApp({ now: '2013-02-15T17:00:00Z' });
  const p = await seedParties(t);
  const { kerry, lavrov, kishida, yang } = p.officials;
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');

  const newRound = async (title: string, calls?: { calleeId: string; placedAt?: string }[]) => {
    const res = await analyst.request('/api/rounds', { method: 'POST', json: { title, trigger: title, initiatorId: kerry.id, ...(calls ? { calls } : {}) } });
    expect(res.status, await res.clone().text()).toBe(201);
    return bodyAs(res, RoundDetail);
  };
  const round = await newRound('DPRK nuclear test', [
    { calleeId: kishida.id, placedAt: '2013-02-12T15:00:00Z' },
    { calleeId: lavrov.id, placedAt: '2013-02-12T15:00:00Z' },
  ]);
  const other = await newRound('Syria');

  it('puts a new call in a round, and refuses an unknown round naming roundId, storing nothing', async () => {
    const res = await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { calleeId: yang.id, roundId: round.id }) });
    expect(res.status).toBe(201);
    expect(await bodyAs(res, Call)).toMatchObject({ roundId: round.id, attempts: 1, lastAttemptAt: '2013-02-12T15:00:00.000Z' });
    const outside = await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { roundId: null }) });
    expect((await bodyAs(outside, Call)).roundId).toBeNull();

    const before = { calls: await countRows(t, 'calls'), history: await countRows(t, 'history') };
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { roundId: UNKNOWN }) }), 422, ['roundId']);
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { roundId: 5 }) }), 422, ['roundId']);
    expect({ calls: await countRows(t, 'calls'), history: await countRows(t, 'history') }).toEqual(before);
  });

  it('moves a call between rounds with PATCH, each move in its history; an unknown round changes nothing', async () => {
    const created = await bodyAs(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, { calleeId: yang.id }) }), Call);
    const path = `/api/calls/${created.id}`;
    const moved = await analyst.request(path, { method: 'PATCH', json: { roundId: other.id }, headers: { 'If-Match': '"1"' } });
    expect(await bodyAs(moved, Call)).toMatchObject({ roundId: other.id, version: 2 });
    await expectProblem(await analyst.request(path, { method: 'PATCH', json: { roundId: UNKNOWN }, headers: { 'If-Match': '"2"' } }), 422, ['roundId']);
    const out = await analyst.request(path, { method: 'PATCH', json: { roundId: null }, headers: { 'If-Match': '"2"' } });
    expect(await bodyAs(out, Call)).toMatchObject({ roundId: null, version: 3 });
    const history = await bodyAs(await viewer.request(`${path}/history`), HistoryList);
    expect(history.items.map((e) => [e.action, e.before?.roundId ?? null, e.after?.roundId ?? null])).toEqual([
      ['create', null, null],
      ['update', null, other.id],
      ['update', other.id, null],
    ]);
    // The round's summary follows.
    expect((await bodyAs(await viewer.request(`/api/rounds/${other.id}`), RoundDetail)).summary.calls).toBe(0);
  });

  it('filters GET /calls and GET /calls/awaiting to one round', async () => {
    const list = await bodyAs(await viewer.request(`/api/calls?roundId=${round.id}`), CallList);
    expect(list.items.map((c) => c.callee.name).sort()).toEqual(['Fumio Kishida', 'Sergei Lavrov', 'Yang Jiechi']);
    for (const c of list.items) expect(c.roundId).toBe(round.id);
    const awaiting = await bodyAs(await viewer.request(`/api/calls/awaiting?roundId=${round.id}`), AwaitingList);
    expect(awaiting.items).toHaveLength(3);
    expect((await bodyAs(await viewer.request(`/api/calls/awaiting?roundId=${UNKNOWN}`), AwaitingList)).items).toEqual([]);
    expect((await bodyAs(await viewer.request('/api/calls/awaiting'), AwaitingList)).items.length).toBeGreaterThan(3);
  });

  it('gives response times and the trend of one round', async () => {
    // Japan answers after 2 h; Lavrov and Yang still await.
    const kishidaCall = round.calls.find((c) => c.calleeId === kishida.id)!;
    const answered = await analyst.request(`/api/calls/${kishidaCall.id}`, { method: 'PATCH', json: { status: 'returned', respondedAt: '2013-02-12T17:00:00Z' }, headers: { 'If-Match': `"${kishidaCall.version}"` } });
    expect(answered.status).toBe(200);
    const stats = await bodyAs(await viewer.request(`/api/stats/response-times?groupBy=official&roundId=${round.id}`), ResponseTimes);
    expect(stats.groups.map((g) => [g.label, g.calls, g.responded, g.awaiting, g.medianResponseMs])).toEqual([
      ['Fumio Kishida', 1, 1, 0, 2 * H],
      ['Sergei Lavrov', 1, 0, 1, null],
      ['Yang Jiechi', 1, 0, 1, null],
    ]);
    const ministry = await bodyAs(await viewer.request(`/api/stats/response-times?roundId=${round.id}&clock=working`), ResponseTimes);
    expect(ministry.groups.map((g) => g.calls)).toEqual([1, 1, 1]);
    // Without the round, every call counts (the ones outside it too).
    const all = await bodyAs(await viewer.request('/api/stats/response-times?groupBy=official'), ResponseTimes);
    expect(all.groups.find((g) => g.label === 'Sergei Lavrov')!.calls).toBeGreaterThan(1);

    const trend = await bodyAs(await viewer.request(`/api/stats/trend?roundId=${round.id}&interval=week`), Trend);
    expect(trend.groups.flatMap((g) => g.periods.map((period) => period.calls)).reduce((a, b) => a + b, 0)).toBe(3);
    expect((await bodyAs(await viewer.request(`/api/stats/response-times?roundId=${other.id}`), ResponseTimes)).groups).toEqual([]);
  });
});
