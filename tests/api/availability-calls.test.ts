import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_HOURS } from '#shared/domain/availability/working-hours.ts';
import { AwaitingList, Call, CallList } from '#shared/schemas/calls.ts';
import { bodyAs, createTestApp } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';

const H = 3_600_000;

// Lavrov works in Europe/Moscow, UTC+04:00 all through 2013; MFA Russia keeps
// the default hours (Mon–Fri 09:00–18:00) and Russia's public holidays.
describe('workingMs and availability of calls', async () => {
  const t = await createTestApp({ now: '2013-02-18T12:00:00Z' }); // Monday 16:00 in Moscow
  const analyst = await t.createUser('analyst');
  const p = await seedParties(t);
  const { kerry, lavrov } = p.officials;
  const ru = p.ministries.ru.id;
  const parties = { callerId: kerry.id, calleeId: lavrov.id };

  const call = async (id: string) => bodyAs(await analyst.request(`/api/calls/${id}`), Call);
  const board = async () => (await bodyAs(await analyst.request('/api/calls/awaiting'), AwaitingList)).items;
  const patchMinistry = async (json: object) => expect((await analyst.request(`/api/ministries/${ru}`, { method: 'PATCH', json })).status).toBe(200);

  // Placed Fri 15 Feb 17:00 MSK; by Mon 16:00 MSK: Fri 17–18 and Mon 09–16.
  const [open] = await insertCalls(t, [{ ...parties, placedAt: '2013-02-15T13:00:00Z' }]);
  // Replied Mon 10:00 MSK: Fri 17–18 and Mon 09–10.
  const [replied] = await insertCalls(t, [{ ...parties, placedAt: '2013-02-15T13:00:00Z', status: 'returned', respondedAt: '2013-02-18T06:00:00Z' }]);
  // Across International Women's Day (Fri 8 Mar 2013): Thu 17:00 MSK → Mon 10:00 MSK.
  const [womensDay] = await insertCalls(t, [{ ...parties, placedAt: '2013-03-07T13:00:00Z', status: 'answered', respondedAt: '2013-03-11T06:00:00Z' }]);

  it('counts the wait of an awaiting call in the callee’s working time, as of the server’s clock', async () => {
    expect((await call(open!)).workingMs).toBe(8 * H);
    const [item] = await board();
    expect(item).toMatchObject({ id: open, waitingMs: 71 * H, workingMs: 8 * H });
    expect(item!.availability).toEqual({ state: 'working', until: '2013-02-18T14:00:00.000Z', resumesAt: '2013-02-18T12:00:00.000Z', absence: null, holiday: null });
    t.clock.advance(30 * 60_000);
    expect((await call(open!)).workingMs).toBe(8.5 * H);
    t.clock.set('2013-02-18T12:00:00Z');
  });

  it('counts a replied call to its reply, and every call in lists', async () => {
    expect((await call(replied!)).workingMs).toBe(2 * H);
    const list = await bodyAs(await analyst.request('/api/calls?limit=10'), CallList);
    expect(Object.fromEntries(list.items.map((c) => [c.id, c.workingMs]))).toEqual({ [open!]: 8 * H, [replied!]: 2 * H, [womensDay!]: 2 * H });
  });

  it('leaves public holidays out, and counts them again when the ministry turns them off', async () => {
    expect((await call(womensDay!)).workingMs).toBe(2 * H);
    await patchMinistry({ countryHolidays: false });
    expect((await call(womensDay!)).workingMs).toBe(11 * H);
    await patchMinistry({ countryHolidays: true });
  });

  it('follows a change of the ministry’s hours, for old calls too', async () => {
    await patchMinistry({ workingHours: { ...DEFAULT_WORKING_HOURS, mon: [['09:00', '13:00'], ['14:00', '18:00']] } });
    expect((await call(open!)).workingMs).toBe(7 * H); // 1 + 4 + 2
    expect((await call(replied!)).workingMs).toBe(2 * H);
    await patchMinistry({ workingHours: DEFAULT_WORKING_HOURS });
    expect((await call(open!)).workingMs).toBe(8 * H);
  });

  it('says "holiday" on an extra day off, with its name, and counts nothing on it', async () => {
    await patchMinistry({ extraHolidays: ['2013-02-18'] });
    expect((await call(open!)).workingMs).toBe(1 * H);
    expect((await call(replied!)).workingMs).toBe(1 * H);
    const [item] = await board();
    expect(item!.availability).toMatchObject({ state: 'holiday', holiday: 'Holiday of the ministry', until: '2013-02-18T20:00:00.000Z', resumesAt: '2013-02-19T05:00:00.000Z' });
    await patchMinistry({ extraHolidays: [] });
  });

  it('says "away" during an absence, with the absence, and takes its time out', async () => {
    const res = await analyst.request(`/api/officials/${lavrov.id}/absences`, {
      method: 'POST',
      json: { from: '2013-02-18T08:00:00Z', to: '2013-02-20T12:00:00Z', reason: 'Travelling in Africa', source: 'https://example.org/readout' },
    });
    const absence = (await res.json()) as { id: string };
    expect((await call(open!)).workingMs).toBe(4 * H); // Fri 17–18, Mon 09–12
    const [item] = await board();
    expect(item!.availability).toMatchObject({ state: 'away', until: '2013-02-20T12:00:00.000Z', resumesAt: '2013-02-20T12:00:00.000Z', holiday: null });
    expect(item!.availability.absence).toMatchObject({ id: absence.id, reason: 'Travelling in Africa', source: 'https://example.org/readout' });
    // Removing it gives the time back.
    await analyst.request(`/api/officials/${lavrov.id}/absences/${absence.id}`, { method: 'DELETE' });
    expect((await call(open!)).workingMs).toBe(8 * H);
  });

  it('answers the workingMs of a call just logged and just changed', async () => {
    const res = await analyst.request('/api/calls', { method: 'POST', json: { ...parties, placedAt: '2013-02-18T10:00:00Z', channel: 'phone', topic: 'Follow-up' } });
    const created = await bodyAs(res, Call);
    expect(created.workingMs).toBe(2 * H); // Mon 14:00–16:00 MSK
    const patched = await bodyAs(
      await analyst.request(`/api/calls/${created.id}`, { method: 'PATCH', json: { status: 'returned', respondedAt: '2013-02-18T11:00:00Z' }, headers: { 'if-match': '"1"' } }),
      Call,
    );
    expect(patched.workingMs).toBe(1 * H);
  });
});

describe('availability outside working hours', async () => {
  const t = await createTestApp({ now: '2013-02-16T10:00:00Z' }); // Saturday 14:00 in Moscow
  const viewer = await t.createUser('viewer');
  const p = await seedParties(t);
  await insertCalls(t, [{ callerId: p.officials.kerry.id, calleeId: p.officials.lavrov.id, placedAt: '2013-02-16T08:00:00Z' }]);

  it('says "off hours", back at 09:00 Monday in the callee’s time, and accrues nothing yet', async () => {
    const [item] = (await bodyAs(await viewer.request('/api/calls/awaiting'), AwaitingList)).items;
    expect(item).toMatchObject({ waitingMs: 2 * H, workingMs: 0 });
    expect(item!.availability).toEqual({ state: 'off_hours', until: '2013-02-18T05:00:00.000Z', resumesAt: '2013-02-18T05:00:00.000Z', absence: null, holiday: null });
  });
});
