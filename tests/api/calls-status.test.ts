import { describe, expect, it } from 'vitest';
import { Call, type CallStatus } from '#shared/schemas/calls.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { callRequest, countRows, seedParties } from '../support/fixtures.ts';

const NOW = '2013-02-18T12:00:00.000Z';
const PLACED = '2013-02-12T15:00:00.000Z';
const STATUSES: CallStatus[] = ['awaiting', 'answered', 'returned', 'declined', 'withdrawn'];
const hour = 3600_000;

describe('calls: status moves and their timestamps', async () => {
  const t = await createTestApp({ now: NOW });
  const p = await seedParties(t);
  const analyst = await t.createUser('analyst');

  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, overrides) });
    expect(res.status, await res.clone().text()).toBe(201);
    return bodyAs(res, Call);
  };
  const patch = (call: Call, json: Record<string, unknown>) =>
    analyst.request(`/api/calls/${call.id}`, { method: 'PATCH', json, headers: { 'if-match': `"${call.version}"` } });

  // SPEC: awaiting → any; any → awaiting; the same status is no move; all else 409.
  const moves = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));
  it.each(moves)('%s → %s', async (from, to) => {
    const call = await create({ status: from });
    const history = await countRows(t, 'history');
    const res = await patch(call, { status: to });
    if (from === to) {
      expect(res.status).toBe(200);
      expect(await bodyAs(res, Call)).toEqual(call);
      expect(await countRows(t, 'history')).toBe(history);
    } else if (from === 'awaiting' || to === 'awaiting') {
      expect(res.status, await res.clone().text()).toBe(200);
      const moved = await bodyAs(res, Call);
      expect(moved.status).toBe(to);
      expect(moved.version).toBe(call.version + 1);
      expect(res.headers.get('etag')).toBe(`"${call.version + 1}"`);
    } else {
      await expectProblem(res, 409, ['status']);
      const stored = await bodyAs(await analyst.request(`/api/calls/${call.id}`), Call);
      expect(stored).toEqual(call);
      expect(await countRows(t, 'history')).toBe(history);
    }
  });

  it('answered without respondedAt takes placedAt (responseMs 0)', async () => {
    expect(await create({ status: 'answered' })).toMatchObject({ respondedAt: PLACED, closedAt: null, responseMs: 0 });
  });

  it.each(['returned', 'declined'])("%s without respondedAt takes the server's now", async (status) => {
    const call = await create({ status });
    expect(call).toMatchObject({ respondedAt: NOW, closedAt: null, responseMs: Date.parse(NOW) - Date.parse(PLACED) });
  });

  it("withdrawn without closedAt takes the server's now and has no responseMs", async () => {
    expect(await create({ status: 'withdrawn' })).toMatchObject({ respondedAt: null, closedAt: NOW, responseMs: null });
  });

  it('a move by PATCH fills in the timestamp the same way', async () => {
    const call = await create();
    t.clock.advance(hour);
    const res = await patch(call, { status: 'returned' });
    const moved = await bodyAs(res, Call);
    expect(moved.respondedAt).toBe(new Date(Date.parse(NOW) + hour).toISOString());
    expect(moved.updatedAt).toBe(moved.respondedAt);
    t.clock.set(NOW);
  });

  it('computes responseMs from respondedAt − placedAt', async () => {
    const call = await create({ status: 'returned', respondedAt: '2013-02-15T18:30:00+03:00' });
    expect(call.respondedAt).toBe('2013-02-15T15:30:00.000Z');
    expect(call.responseMs).toBe(72 * hour + 30 * 60_000);
  });

  it('reopening clears respondedAt and closedAt', async () => {
    const returned = await create({ status: 'returned', respondedAt: '2013-02-13T09:00:00Z' });
    const reopened = await bodyAs(await patch(returned, { status: 'awaiting' }), Call);
    expect(reopened).toMatchObject({ status: 'awaiting', respondedAt: null, closedAt: null, responseMs: null, version: 2 });
    const withdrawn = await create({ status: 'withdrawn', closedAt: '2013-02-16T09:00:00Z' });
    expect(await bodyAs(await patch(withdrawn, { status: 'awaiting' }), Call)).toMatchObject({ respondedAt: null, closedAt: null });
  });

  it.each([
    [{ status: 'awaiting', respondedAt: '2013-02-13T09:00:00Z' }, 'respondedAt'],
    [{ status: 'awaiting', closedAt: '2013-02-13T09:00:00Z' }, 'closedAt'],
    [{ status: 'withdrawn', respondedAt: '2013-02-13T09:00:00Z' }, 'respondedAt'],
    [{ status: 'returned', closedAt: '2013-02-13T09:00:00Z' }, 'closedAt'],
    [{ status: 'answered', closedAt: '2013-02-13T09:00:00Z' }, 'closedAt'],
    [{ respondedAt: '2013-02-13T09:00:00Z' }, 'respondedAt'],
  ])('rejects a timestamp that does not fit the status on create: %j', async (fields, field) => {
    const before = await countRows(t, 'calls');
    await expectProblem(await analyst.request('/api/calls', { method: 'POST', json: callRequest(p, fields) }), 422, [field]);
    expect(await countRows(t, 'calls')).toBe(before);
  });

  it('rejects a patch that gives an awaiting call a reply time', async () => {
    const call = await create();
    await expectProblem(await patch(call, { respondedAt: '2013-02-13T09:00:00Z' }), 422, ['respondedAt']);
  });

  it('re-checks the merged call: moving placedAt after the reply is refused', async () => {
    const call = await create({ status: 'returned', respondedAt: '2013-02-13T09:00:00Z' });
    await expectProblem(await patch(call, { placedAt: '2013-02-14T00:00:00Z' }), 422, ['respondedAt']);
  });

  it('changes the reply time of a replied call in place', async () => {
    const call = await create({ status: 'returned', respondedAt: '2013-02-13T09:00:00Z' });
    const changed = await bodyAs(await patch(call, { respondedAt: '2013-02-13T10:00:00Z' }), Call);
    expect(changed).toMatchObject({ status: 'returned', respondedAt: '2013-02-13T10:00:00.000Z', responseMs: 19 * hour });
  });

  it('refuses to clear the timestamp a call keeps its status by', async () => {
    const returned = await create({ status: 'returned', respondedAt: '2013-02-13T09:00:00Z' });
    await expectProblem(await patch(returned, { respondedAt: null }), 422, ['respondedAt']);
    const withdrawn = await create({ status: 'withdrawn' });
    await expectProblem(await patch(withdrawn, { closedAt: null }), 422, ['closedAt']);
    const reopened = await bodyAs(await patch(returned, { status: 'awaiting', respondedAt: null }), Call);
    expect(reopened.respondedAt).toBeNull();
  });

  it('rejects a patch making the caller the callee, naming the field sent', async () => {
    const call = await create();
    await expectProblem(await patch(call, { calleeId: p.officials.kerry.id }), 422, ['calleeId']);
    await expectProblem(await patch(call, { callerId: p.officials.lavrov.id }), 422, ['callerId']);
    await expectProblem(await patch(call, { callerId: 'nobody' }), 422, ['callerId']);
  });

  it('changes the parties, clears optional text with null, and embeds the new parties', async () => {
    const call = await create({ notes: 'first try' });
    const res = await patch(call, { calleeId: p.officials.yang.id, notes: null, channel: 'video' });
    const changed = await bodyAs(res, Call);
    expect(changed).toMatchObject({ calleeId: p.officials.yang.id, notes: null, channel: 'video', version: 2 });
    expect(changed.callee).toMatchObject({ name: 'Yang Jiechi', timeZone: 'Asia/Shanghai', ministry: { country: 'CN' } });
  });

  it('rejects responseMs and other read-only fields in a patch', async () => {
    const call = await create();
    await expectProblem(await patch(call, { responseMs: 5 }), 422, ['responseMs']);
    await expectProblem(await patch(call, { version: 9, createdBy: 'mallory' }), 422, ['version', 'createdBy']);
  });
});
