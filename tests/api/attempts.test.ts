import { describe, expect, it } from 'vitest';
import { AwaitingList, Call } from '#shared/schemas/calls.ts';
import { HistoryList } from '#shared/schemas/history.ts';
import { Attempt, AttemptList, RoundDetail } from '#shared/schemas/rounds.ts';
import { ResponseTimes } from '#shared/schemas/stats.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { callRequest, seedParties } from '../support/fixtures.ts';
import { readEvents } from '../support/sse.ts';

const H = 3_600_000;

describe('follow-up attempts', async () => {
  const t = await createTestApp({ now: '2013-02-15T17:00:00Z' });
  const p = await seedParties(t);
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');

  const logCall = async (overrides: Record<string, unknown> = {}) => {
    const res = await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, overrides) });
    expect(res.status, await res.clone().text()).toBe(201);
    return bodyAs(res, Call);
  };
  const tryAgain = (id: string, body: Record<string, unknown>) => analyst.request(`/api/calls/${id}/attempts`, { method: 'POST', json: body });
  const read = async (id: string) => bodyAs(await viewer.request(`/api/calls/${id}`), Call);
  const awaitingOf = async (id: string) => (await bodyAs(await viewer.request('/api/calls/awaiting?limit=500'), AwaitingList)).items.find((c) => c.id === id)!;

  it('records another try: 201 with the attempt, the call’s next version, a history entry, listed oldest first', async () => {
    const call = await logCall();
    const res = await tryAgain(call.id, { at: '2013-02-14T09:00:00Z', channel: 'message', notes: 'Left word with his aide' });
    expect(res.status).toBe(201);
    const attempt = await bodyAs(res, Attempt);
    expect(attempt).toMatchObject({ callId: call.id, at: '2013-02-14T09:00:00.000Z', channel: 'message', notes: 'Left word with his aide', createdBy: analyst.username });
    // Recorded late, for an earlier time: the latest try stays the latest.
    expect((await tryAgain(call.id, { at: '2013-02-13T09:00:00Z', channel: 'phone' })).status).toBe(201);

    const after = await read(call.id);
    expect(after).toMatchObject({ attempts: 3, lastAttemptAt: '2013-02-14T09:00:00.000Z', version: 3, placedAt: call.placedAt });
    const list = await bodyAs(await viewer.request(`/api/calls/${call.id}/attempts`), AttemptList);
    expect(list.items.map((a) => [a.at, a.channel, a.notes])).toEqual([
      ['2013-02-13T09:00:00.000Z', 'phone', null],
      ['2013-02-14T09:00:00.000Z', 'message', 'Left word with his aide'],
    ]);
    const paged = await bodyAs(await viewer.request(`/api/calls/${call.id}/attempts?limit=1`), AttemptList);
    expect(paged.items).toHaveLength(1);
    expect(paged.nextCursor).not.toBeNull();
    const history = await bodyAs(await viewer.request(`/api/calls/${call.id}/history`), HistoryList);
    expect(history.items.map((e) => [e.action, e.before?.attempts ?? null, e.after?.attempts])).toEqual([
      ['create', null, 1],
      ['update', 1, 2],
      ['update', 2, 3],
    ]);
  });

  it('sends call.updated on the event stream for an attempt', async () => {
    const call = await logCall();
    const from = Number((await t.db.selectFrom('history').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow()).seq);
    await tryAgain(call.id, { at: '2013-02-13T09:00:00Z', channel: 'phone' });
    const controller = new AbortController();
    const response = await viewer.request('/api/events', { signal: controller.signal, headers: { 'Last-Event-ID': String(from) } });
    const [event] = await readEvents(response, 1);
    controller.abort();
    expect(JSON.parse(event!.data)).toMatchObject({ type: 'call.updated', id: call.id });
  });

  it('refuses a time outside [placedAt, respondedAt ?? closedAt ?? now] or in the future, naming at, storing nothing', async () => {
    const open = await logCall();
    const replied = await logCall({ status: 'returned', respondedAt: '2013-02-13T15:00:00Z' });
    const withdrawn = await logCall({ status: 'withdrawn', closedAt: '2013-02-14T15:00:00Z' });
    const cases: [string, string][] = [
      [open.id, '2013-02-12T14:59:59Z'],
      [open.id, '2013-02-15T18:00:00Z'],
      [replied.id, '2013-02-13T15:00:01Z'],
      [withdrawn.id, '2013-02-14T16:00:00Z'],
    ];
    for (const [id, at] of cases) await expectProblem(await tryAgain(id, { at, channel: 'phone' }), 422, ['at']);
    await expectProblem(await tryAgain(open.id, { at: 'yesterday', channel: 'phone' }), 422, ['at']);
    await expectProblem(await tryAgain(open.id, { at: '2013-02-13T00:00:00Z', channel: 'pigeon' }), 422, ['channel']);
    for (const call of [open, replied, withdrawn]) {
      expect(await read(call.id)).toMatchObject({ attempts: 1, version: 1 });
      expect((await bodyAs(await viewer.request(`/api/calls/${call.id}/attempts`), AttemptList)).items).toEqual([]);
    }
    // The ends themselves are fine.
    expect((await tryAgain(open.id, { at: open.placedAt, channel: 'phone' })).status).toBe(201);
    expect((await tryAgain(replied.id, { at: '2013-02-13T15:00:00Z', channel: 'phone' })).status).toBe(201);
    expect((await tryAgain(open.id, { at: '2013-02-15T17:00:00Z', channel: 'phone' })).status).toBe(201);
  });

  it('answers 404 for the attempts of a deleted call, or of one that never was', async () => {
    const call = await logCall();
    await tryAgain(call.id, { at: '2013-02-13T09:00:00Z', channel: 'phone' });
    expect((await analyst.request(`/api/calls/${call.id}`, { method: 'DELETE', headers: { 'If-Match': '"2"' } })).status).toBe(204);
    await expectProblem(await tryAgain(call.id, { at: '2013-02-13T10:00:00Z', channel: 'phone' }), 404);
    await expectProblem(await viewer.request(`/api/calls/${call.id}/attempts`), 404);
    await expectProblem(await viewer.request('/api/calls/no-such-call/attempts'), 404);
  });

  it('is for analysts to write and viewers to read', async () => {
    const call = await logCall();
    await expectProblem(await viewer.request(`/api/calls/${call.id}/attempts`, { method: 'POST', json: { at: '2013-02-13T09:00:00Z', channel: 'phone' } }), 403);
    expect((await viewer.request(`/api/calls/${call.id}/attempts`)).status).toBe(200);
  });

  it('never changes a duration: the wait, the reply time and the statistics still run from placedAt', async () => {
    // Lavrov, called on the 12th at 15:00 and tried twice more; Yang, called at the same time, never tried again.
    const lavrov = await logCall({ calleeId: p.officials.lavrov.id });
    const yang = await logCall({ calleeId: p.officials.yang.id });
    const statsBefore = await bodyAs(await viewer.request('/api/stats/response-times?groupBy=official'), ResponseTimes);
    const waitBefore = await awaitingOf(lavrov.id);
    expect(waitBefore.waitingMs).toBe(74 * H);

    await tryAgain(lavrov.id, { at: '2013-02-13T15:00:00Z', channel: 'phone' });
    await tryAgain(lavrov.id, { at: '2013-02-15T12:00:00Z', channel: 'message' });
    const waitAfter = await awaitingOf(lavrov.id);
    expect(waitAfter).toMatchObject({ waitingMs: 74 * H, workingMs: waitBefore.workingMs, placedAt: lavrov.placedAt, attempts: 3, lastAttemptAt: '2013-02-15T12:00:00.000Z' });
    expect((await awaitingOf(yang.id)).waitingMs).toBe(74 * H);
    const statsAfter = await bodyAs(await viewer.request('/api/stats/response-times?groupBy=official'), ResponseTimes);
    expect(statsAfter.groups).toEqual(statsBefore.groups);

    // Then he calls back at 17:00 on the 15th: 74 h from the first try, not 5 h from the last.
    const current = await read(lavrov.id);
    const replied = await analyst.request(`/api/calls/${lavrov.id}`, { method: 'PATCH', json: { status: 'returned', respondedAt: '2013-02-15T17:00:00Z' }, headers: { 'If-Match': `"${current.version}"` } });
    expect(await bodyAs(replied, Call)).toMatchObject({ responseMs: 74 * H, attempts: 3 });
    const yangReplied = await analyst.request(`/api/calls/${yang.id}`, { method: 'PATCH', json: { status: 'returned', respondedAt: '2013-02-15T17:00:00Z' }, headers: { 'If-Match': '"1"' } });
    expect((await bodyAs(yangReplied, Call)).responseMs).toBe(74 * H);
    const stats = await bodyAs(await viewer.request('/api/stats/response-times?groupBy=official'), ResponseTimes);
    const lavrovStats = stats.groups.find((g) => g.key === p.officials.lavrov.id)!;
    const yangStats = stats.groups.find((g) => g.key === p.officials.yang.id)!;
    expect(yangStats.calls).toBe(1);
    expect(yangStats.medianResponseMs).toBe(74 * H);
    expect(lavrovStats.survival.map((pt) => pt.tMs)).toContain(74 * H);
  });

  it('keeps the attempts when a call is reopened', async () => {
    const call = await logCall({ status: 'returned', respondedAt: '2013-02-14T15:00:00Z' });
    await tryAgain(call.id, { at: '2013-02-13T15:00:00Z', channel: 'video' });
    const reopened = await analyst.request(`/api/calls/${call.id}`, { method: 'PATCH', json: { status: 'awaiting' }, headers: { 'If-Match': '"2"' } });
    expect(await bodyAs(reopened, Call)).toMatchObject({ status: 'awaiting', attempts: 2, lastAttemptAt: '2013-02-13T15:00:00.000Z' });
    expect((await bodyAs(await viewer.request(`/api/calls/${call.id}/attempts`), AttemptList)).items).toHaveLength(1);
  });

  it('shows the attempts on the round’s page, its summary unchanged by them', async () => {
    const res = await analyst.request('/api/rounds', { method: 'POST', json: { trigger: 'Test', triggerAt: '2013-02-12T15:00:00Z', initiatorId: p.officials.kerry.id, calls: [{ calleeId: p.officials.yun.id }] } });
    const round = await bodyAs(res, RoundDetail);
    const call = round.calls[0]!;
    await tryAgain(call.id, { at: '2013-02-14T15:00:00Z', channel: 'phone' });
    const after = await bodyAs(await viewer.request(`/api/rounds/${round.id}`), RoundDetail);
    expect(after.calls[0]).toMatchObject({ attempts: 2, waitingMs: 74 * H });
    expect(after.summary).toEqual(round.summary);
  });
});
