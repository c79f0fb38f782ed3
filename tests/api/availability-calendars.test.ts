import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_HOURS } from '#shared/domain/availability/working-hours.ts';
import { HolidayList } from '#shared/schemas/availability.ts';
import { Ministry } from '#shared/schemas/ministries.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';

const week = (overrides: Record<string, [string, string][]> = {}) => ({ ...DEFAULT_WORKING_HOURS, ...overrides });

describe('ministry calendars: working hours and holidays', async () => {
  const t = await createTestApp();
  const analyst = await t.createUser('analyst');
  const viewer = await t.createUser('viewer');
  let n = 0;
  const create = async (json: Record<string, unknown> = {}) => {
    const res = await analyst.request('/api/ministries', { method: 'POST', json: { name: `Ministry ${++n}`, shortName: `M${n}`, country: 'RU', ...json } });
    expect(res.status, await res.clone().text()).toBe(201);
    return bodyAs(res, Ministry);
  };
  const snapshot = async (id: string) => ({
    ministry: await t.db.selectFrom('ministries').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    history: (await t.db.selectFrom('history').select('seq').where('entity_id', '=', id).execute()).length,
  });

  it('gives a new ministry Monday to Friday 09:00–18:00 and its country’s holidays by default', async () => {
    const m = await create();
    expect(m.workingHours).toEqual(DEFAULT_WORKING_HOURS);
    expect(m.countryHolidays).toBe(true);
    expect(m.extraHolidays).toEqual([]);
  });

  it('stores several spans a day (a lunch break), the holiday toggle and extra dates, sorted; a PATCH changes only what it names', async () => {
    const hours = week({ mon: [['09:00', '13:00'], ['14:00', '18:00']], sat: [['10:00', '12:00']], fri: [] });
    const m = await create({ workingHours: hours, countryHolidays: false, extraHolidays: ['2013-03-01', '2013-02-20'] });
    expect(m).toMatchObject({ workingHours: hours, countryHolidays: false, extraHolidays: ['2013-02-20', '2013-03-01'] });
    t.clock.advance(1000);
    const res = await analyst.request(`/api/ministries/${m.id}`, { method: 'PATCH', json: { countryHolidays: true } });
    const patched = await bodyAs(res, Ministry);
    expect(patched).toEqual({ ...m, countryHolidays: true, updatedAt: patched.updatedAt });
    expect(await bodyAs(await viewer.request(`/api/ministries/${m.id}`), Ministry)).toEqual(patched);
    // The same hours again is no change: no write, no history.
    const before = await snapshot(m.id);
    await analyst.request(`/api/ministries/${m.id}`, { method: 'PATCH', json: { workingHours: hours, extraHolidays: ['2013-03-01', '2013-02-20'] } });
    expect(await snapshot(m.id)).toEqual(before);
  });

  it.each([
    ['an overnight span', { workingHours: week({ mon: [['22:00', '06:00']] }) }, 'workingHours.mon.0.1'],
    ['a span that ends where it starts', { workingHours: week({ tue: [['09:00', '09:00']] }) }, 'workingHours.tue.0.1'],
    ['a time past 24:00', { workingHours: week({ wed: [['09:00', '24:30']] }) }, 'workingHours.wed.0.1'],
    ['an hour 25', { workingHours: week({ wed: [['25:00', '26:00']] }) }, 'workingHours.wed.0.0'],
    ['minutes 60', { workingHours: week({ thu: [['09:60', '12:00']] }) }, 'workingHours.thu.0.0'],
    ['a time without minutes', { workingHours: week({ thu: [['9', '12:00']] }) }, 'workingHours.thu.0.0'],
    ['overlapping spans', { workingHours: week({ fri: [['09:00', '13:00'], ['12:30', '18:00']] }) }, 'workingHours.fri.1'],
    ['a span of three times', { workingHours: week({ fri: [['09:00', '13:00', '14:00']] as never }) }, 'workingHours.fri.0'],
    ['a missing day', { workingHours: { mon: [] } }, 'workingHours.tue'],
    ['an unknown day', { workingHours: { ...week(), funday: [] } }, 'workingHours.funday'],
    ['a non-boolean holiday toggle', { countryHolidays: 'yes' }, 'countryHolidays'],
    ['an impossible date', { extraHolidays: ['2013-02-30'] }, 'extraHolidays.0'],
    ['a date with a time', { extraHolidays: ['2013-02-20T00:00:00Z'] }, 'extraHolidays.0'],
    ['a repeated date', { extraHolidays: ['2013-02-20', '2013-02-20'] }, 'extraHolidays.1'],
  ])('refuses %s with 422 naming the field, storing nothing', async (_what, json, field) => {
    const m = await create();
    const before = await snapshot(m.id);
    await expectProblem(await analyst.request(`/api/ministries/${m.id}`, { method: 'PATCH', json: { shortName: 'Changed', ...json } }), 422, [field]);
    expect(await snapshot(m.id)).toEqual(before);
    const count = (await t.db.selectFrom('ministries').select('id').execute()).length;
    await expectProblem(await analyst.request('/api/ministries', { method: 'POST', json: { name: 'Refused', shortName: 'R', country: 'RU', ...json } }), 422, [field]);
    expect((await t.db.selectFrom('ministries').select('id').execute()).length).toBe(count);
  });

  it('lists the next holidays: the country’s public ones (from the data set) and the extra dates', async () => {
    const m = await create({ extraHolidays: ['2013-02-22', '2013-02-23'] });
    const res = await viewer.request(`/api/ministries/${m.id}/holidays?from=2013-02-18&days=30`);
    const list = await bodyAs(res, HolidayList);
    expect(list).toEqual({
      from: '2013-02-18',
      to: '2013-03-19',
      countryHolidaysKnown: true,
      items: [
        { date: '2013-02-22', name: 'Holiday of the ministry', kind: 'extra' },
        { date: '2013-02-23', name: 'Defender of the Fatherland Day', kind: 'public' },
        { date: '2013-03-08', name: "International Women's Day", kind: 'public' },
      ],
    });
    // Russia's New Year holiday spans several days; each is listed. Without the toggle only extra dates remain.
    const newYear = await bodyAs(await viewer.request(`/api/ministries/${m.id}/holidays?from=2013-01-01&days=8`), HolidayList);
    expect(newYear.items.map((h) => h.date)).toEqual(['2013-01-01', '2013-01-02', '2013-01-03', '2013-01-04', '2013-01-05', '2013-01-06', '2013-01-07', '2013-01-08']);
    await analyst.request(`/api/ministries/${m.id}`, { method: 'PATCH', json: { countryHolidays: false } });
    const off = await bodyAs(await viewer.request(`/api/ministries/${m.id}/holidays?from=2013-02-18&days=30`), HolidayList);
    expect(off.items.map((h) => h.kind)).toEqual(['extra', 'extra']);
    // By default: a year from today (the server's clock: 18 Feb 2013).
    const byDefault = await bodyAs(await viewer.request(`/api/ministries/${m.id}/holidays`), HolidayList);
    expect([byDefault.from, byDefault.to]).toEqual(['2013-02-18', '2014-02-18']);
  });

  it('says when the data set has no holidays for the country, and refuses bad ranges', async () => {
    const m = await create({ country: 'AQ' });
    expect(await bodyAs(await viewer.request(`/api/ministries/${m.id}/holidays`), HolidayList)).toMatchObject({ countryHolidaysKnown: false, items: [] });
    await expectProblem(await viewer.request(`/api/ministries/${m.id}/holidays?from=2013-02-31`), 400, ['from']);
    await expectProblem(await viewer.request(`/api/ministries/${m.id}/holidays?days=0`), 400, ['days']);
    await expectProblem(await viewer.request(`/api/ministries/${m.id}/holidays?days=5000`), 400, ['days']);
    await expectProblem(await viewer.request('/api/ministries/nope/holidays'), 404);
  });

  it('lets only analysts change a calendar', async () => {
    const m = await create();
    await expectProblem(await viewer.request(`/api/ministries/${m.id}`, { method: 'PATCH', json: { countryHolidays: false } }), 403);
  });
});
