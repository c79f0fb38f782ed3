import { describe, expect, it } from 'vitest';
import { Absence, AbsenceList } from '#shared/schemas/availability.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { seedParties } from '../support/fixtures.ts';

describe('absences of officials', async () => {
  const t = await createTestApp();
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');
  const p = await seedParties(t);
  const lavrov = p.officials.lavrov.id;
  const base = `/api/officials/${lavrov}/absences`;
  const trip = { from: '2013-02-14T06:00:00Z', to: '2013-02-18T18:00:00Z', reason: 'Travelling in Africa', source: 'https://example.org/readout' };
  const snapshot = async () => ({
    absences: await t.db.selectFrom('absences').selectAll().orderBy('id').execute(),
    history: (await t.db.selectFrom('history').select('seq').where('entity_type', '=', 'absence').execute()).length,
  });

  it('records, reads, changes and removes an absence, each write with its history entry', async () => {
    const res = await analyst.request(base, { method: 'POST', json: trip });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = await bodyAs(res, Absence);
    expect(res.headers.get('location')).toBe(`${base}/${created.id}`);
    expect(created).toMatchObject({ officialId: lavrov, from: '2013-02-14T06:00:00.000Z', to: '2013-02-18T18:00:00.000Z', reason: 'Travelling in Africa', source: trip.source });
    expect(await bodyAs(await viewer.request(`${base}/${created.id}`), Absence)).toEqual(created);

    t.clock.advance(1000);
    const patched = await bodyAs(await analyst.request(`${base}/${created.id}`, { method: 'PATCH', json: { to: '2013-02-19T12:00:00+03:00', source: null } }), Absence);
    expect(patched).toEqual({ ...created, to: '2013-02-19T09:00:00.000Z', source: null, updatedAt: '2013-02-18T12:00:01.000Z' });

    expect((await t.db.selectFrom('history').selectAll().where('entity_id', '=', created.id).execute()).map((h) => h.action)).toEqual(['create', 'update']);
    expect((await analyst.request(`${base}/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await viewer.request(`${base}/${created.id}`), 404);
    expect((await t.db.selectFrom('history').selectAll().where('entity_id', '=', created.id).execute()).map((h) => h.action)).toEqual(['create', 'update', 'delete']);
  });

  it('lists latest first in pages, and only those not yet over with upcoming=true', async () => {
    const make = (from: string, to: string) => analyst.request(base, { method: 'POST', json: { from, to, reason: 'Leave' } }).then((r) => bodyAs(r, Absence));
    const past = await make('2013-01-07T00:00:00Z', '2013-01-11T00:00:00Z');
    const now = await make('2013-02-17T00:00:00Z', '2013-02-20T00:00:00Z');
    const planned = await make('2013-03-04T00:00:00Z', '2013-03-08T00:00:00Z');
    const first = await bodyAs(await viewer.request(`${base}?limit=2`), AbsenceList);
    expect(first.items.map((a) => a.id)).toEqual([planned.id, now.id]);
    const second = await bodyAs(await viewer.request(`${base}?limit=2&cursor=${first.nextCursor}`), AbsenceList);
    expect(second.items.map((a) => a.id)).toEqual([past.id]);
    expect(second.nextCursor).toBeNull();
    const upcoming = await bodyAs(await viewer.request(`${base}?upcoming=true`), AbsenceList);
    expect(upcoming.items.map((a) => a.id)).toEqual([planned.id, now.id]);
    // Another official's list does not show them.
    expect((await bodyAs(await viewer.request(`/api/officials/${p.officials.kerry.id}/absences`), AbsenceList)).items).toEqual([]);
  });

  it.each([
    ['to before from', { ...trip, to: '2013-02-13T00:00:00Z' }, 'to'],
    ['to equal to from', { ...trip, to: trip.from }, 'to'],
    ['a time without an offset', { ...trip, from: '2013-02-14T06:00:00' }, 'from'],
    ['no reason', { from: trip.from, to: trip.to }, 'reason'],
    ['an empty reason', { ...trip, reason: '  ' }, 'reason'],
    ['an unknown field', { ...trip, place: 'Africa' }, 'place'],
    ['a NUL in the source', { ...trip, source: 'a\u0000b' }, 'source'],
  ])('refuses %s with 422 naming the field, storing nothing', async (_what, json, field) => {
    const before = await snapshot();
    await expectProblem(await analyst.request(base, { method: 'POST', json }), 422, [field]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a change that would end the absence before it starts (against the stored from), storing nothing', async () => {
    const a = await bodyAs(await analyst.request(base, { method: 'POST', json: trip }), Absence);
    const before = await snapshot();
    await expectProblem(await analyst.request(`${base}/${a.id}`, { method: 'PATCH', json: { to: '2013-02-10T00:00:00Z' } }), 422, ['to']);
    await expectProblem(await analyst.request(`${base}/${a.id}`, { method: 'PATCH', json: { from: '2013-03-01T00:00:00Z' } }), 422, ['from']);
    await expectProblem(await analyst.request(`${base}/${a.id}`, { method: 'PATCH', json: { reason: 'x', from: '2013-03-01T00:00:00Z', to: '2013-02-01T00:00:00Z' } }), 422, ['to']);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for an unknown official or an absence of someone else, and 403 to viewers who write', async () => {
    const a = await bodyAs(await analyst.request(base, { method: 'POST', json: trip }), Absence);
    await expectProblem(await viewer.request('/api/officials/nobody/absences'), 404);
    await expectProblem(await analyst.request('/api/officials/nobody/absences', { method: 'POST', json: trip }), 404);
    await expectProblem(await viewer.request(`/api/officials/${p.officials.kerry.id}/absences/${a.id}`), 404);
    await expectProblem(await analyst.request(`/api/officials/${p.officials.kerry.id}/absences/${a.id}`, { method: 'DELETE' }), 404);
    await expectProblem(await viewer.request(base, { method: 'POST', json: trip }), 403);
    await expectProblem(await viewer.request(`${base}/${a.id}`, { method: 'PATCH', json: { reason: 'No' } }), 403);
    await expectProblem(await viewer.request(`${base}/${a.id}`, { method: 'DELETE' }), 403);
  });

  it('goes with its official when the official is deleted', async () => {
    const res = await analyst.request('/api/officials', { method: 'POST', json: { name: 'Short-lived', title: 'Aide', ministryId: p.officials.lavrov.ministryId, timeZone: 'Europe/Moscow' } });
    const official = (await res.json()) as { id: string };
    await analyst.request(`/api/officials/${official.id}/absences`, { method: 'POST', json: trip });
    expect((await analyst.request(`/api/officials/${official.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await t.db.selectFrom('absences').select('id').where('official_id', '=', official.id).execute()).toEqual([]);
  });
});
