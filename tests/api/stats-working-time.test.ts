import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_HOURS } from '#shared/domain/availability/working-hours.ts';
import { ResponseTimes, Trend } from '#shared/schemas/stats.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import { insertCalls, seedParties } from '../support/fixtures.ts';

const H = 3_600_000;

// Five calls to Lavrov (Europe/Moscow, UTC+04:00 in 2013; MFA Russia works
// Mon–Fri 09:00–18:00). Now: Mon 18 Feb 2013, 16:00 MSK.
//
//   call                                   wall      working
//   Mon 11 Feb 10:00 → 12:00 MSK, returned   2 h       2 h
//   Fri  8 Feb 17:00 → Mon 10:00, returned  65 h       2 h   (Fri 17–18, Mon 09–10)
//   Tue 12 Feb 09:00 → Wed 09:00, answered  24 h       9 h
//   Wed 13 Feb 17:00 → Thu 11:00, withdrawn 18 h       3 h   censored
//   Fri 15 Feb 17:00 → now, awaiting        71 h       8 h   censored
//
// Kaplan–Meier on working time: at 2 h 2 of 5 reply → S = 0.6; 3 h and 8 h
// censored; at 9 h 1 of 1 → S = 0: median 9 h. Plain median of the replies
// [2, 2, 9] h (nearest rank 2 of 3): 2 h; p90 (rank 3): 9 h.
// On the wall clock: 2 (reply) 18 (cens.) 24 (reply) 65 (reply) 71 (cens.):
// S = 0.8, then 0.8 × 2/3 = 0.5333, then × 1/2 = 0.2667: median 65 h; plain median 24 h.
describe('response times in the callee’s working time (clock=working)', async () => {
  const t = await createTestApp({ now: '2013-02-18T12:00:00Z' });
  const analyst = await t.createUser('analyst');
  const p = await seedParties(t);
  const { kerry, lavrov, kishida } = p.officials;
  const base = { callerId: kerry.id, calleeId: lavrov.id };
  const [, , , , open] = await insertCalls(t, [
    { ...base, placedAt: '2013-02-11T06:00:00Z', status: 'returned', respondedAt: '2013-02-11T08:00:00Z' },
    { ...base, placedAt: '2013-02-08T13:00:00Z', status: 'returned', respondedAt: '2013-02-11T06:00:00Z' },
    { ...base, placedAt: '2013-02-12T05:00:00Z', status: 'answered', respondedAt: '2013-02-13T05:00:00Z' },
    { ...base, placedAt: '2013-02-13T13:00:00Z', status: 'withdrawn', closedAt: '2013-02-14T07:00:00Z' },
    { ...base, placedAt: '2013-02-15T13:00:00Z' },
  ]);
  // Another ministry's call, to see that its figures stay as they are when Russia's calendar changes.
  await insertCalls(t, [{ callerId: kerry.id, calleeId: kishida.id, placedAt: '2013-02-15T00:00:00Z', status: 'returned', respondedAt: '2013-02-15T02:00:00Z' }]);

  const stats = async (clock: 'wall' | 'working') => {
    const answer = await bodyAs(await analyst.request(`/api/stats/response-times?groupBy=ministry&clock=${clock}`), ResponseTimes);
    expect(answer.clock).toBe(clock);
    return Object.fromEntries(answer.groups.map((g) => [g.label, g]));
  };

  it('computes every figure on working time, exactly', async () => {
    const { 'MFA Russia': ru } = await stats('working');
    expect(ru).toMatchObject({ calls: 5, responded: 3, awaiting: 1, withdrawn: 1, medianResponseMs: 2 * H, p90ResponseMs: 9 * H, survivalMedianMs: 9 * H, observedUntilMs: 9 * H });
    expect(ru!.survival).toEqual([
      { tMs: 0, stillAwaiting: 1 },
      { tMs: 2 * H, stillAwaiting: 0.6 },
      { tMs: 9 * H, stillAwaiting: 0 },
    ]);
  });

  it('keeps the wall clock as it was', async () => {
    const { 'MFA Russia': ru } = await stats('wall');
    expect(ru).toMatchObject({ medianResponseMs: 24 * H, p90ResponseMs: 65 * H, survivalMedianMs: 65 * H });
    expect(ru!.survival.map((s) => [s.tMs / H, Number(s.stillAwaiting.toFixed(4))])).toEqual([[0, 1], [2, 0.8], [24, 0.5333], [65, 0.2667]]);
    // The wall clock is the default.
    const byDefault = await bodyAs(await analyst.request('/api/stats/response-times'), ResponseTimes);
    expect(byDefault.clock).toBe('wall');
  });

  it('stays exact when an absence is added (only that official’s calls are rekeyed)', async () => {
    const before = (await stats('working'))['MOFA Japan'];
    // Away all of Tue 12 Feb 09:00 → Wed 09:00 MSK: the 24 h call has no working time left.
    const res = await analyst.request(`/api/officials/${lavrov.id}/absences`, { method: 'POST', json: { from: '2013-02-12T05:00:00Z', to: '2013-02-13T05:00:00Z', reason: 'Leave' } });
    const absence = (await res.json()) as { id: string };
    const after = await stats('working');
    // Replies [0, 2, 2] h: at 0 h 1 of 5 → 0.8; at 2 h 2 of 4 → 0.4: median 2 h.
    expect(after['MFA Russia']).toMatchObject({ medianResponseMs: 2 * H, p90ResponseMs: 2 * H, survivalMedianMs: 2 * H });
    expect(after['MFA Russia']!.survival.at(-1)).toEqual({ tMs: 2 * H, stillAwaiting: 0.4 });
    expect(after['MOFA Japan']).toEqual(before);
    await analyst.request(`/api/officials/${lavrov.id}/absences/${absence.id}`, { method: 'DELETE' });
    expect((await stats('working'))['MFA Russia']).toMatchObject({ medianResponseMs: 2 * H, survivalMedianMs: 9 * H });
  });

  it('stays exact when the ministry’s hours change', async () => {
    // Working 09:00–13:00 only: 2 h → 2 h, 65 h → Fri 0 + Mon 1 h = 1 h, 24 h → 4 h; censored 18 h → 2 h, 71 h → 0 + Mon 4 h = 4 h.
    await analyst.request(`/api/ministries/${p.ministries.ru.id}`, { method: 'PATCH', json: { workingHours: { ...DEFAULT_WORKING_HOURS, mon: [['09:00', '13:00']], tue: [['09:00', '13:00']], wed: [['09:00', '13:00']], thu: [['09:00', '13:00']], fri: [['09:00', '13:00']] } } });
    // Replies [1, 2, 4] h; censored 2 h, 4 h. At 1 h 1 of 5 → 0.8; at 2 h 1 of 4 (the censored 2 h still at risk) → 0.6; at 4 h 1 of 2 → 0.3.
    const { 'MFA Russia': ru } = await stats('working');
    expect(ru).toMatchObject({ medianResponseMs: 2 * H, p90ResponseMs: 4 * H, survivalMedianMs: 4 * H });
    expect(ru!.survival.map((s) => [s.tMs / H, Number(s.stillAwaiting.toFixed(4))])).toEqual([[0, 1], [1, 0.8], [2, 0.6], [4, 0.3]]);
    await analyst.request(`/api/ministries/${p.ministries.ru.id}`, { method: 'PATCH', json: { workingHours: DEFAULT_WORKING_HOURS } });
    expect((await stats('working'))['MFA Russia']).toMatchObject({ survivalMedianMs: 9 * H });
  });

  it('stays exact when a call is written after the working index was built', async () => {
    await stats('working');
    // The open call gets its reply now: 8 working hours. Replies [2, 2, 8, 9]; censored 3 h.
    const patched = await analyst.request(`/api/calls/${open}`, { method: 'PATCH', json: { status: 'returned' }, headers: { 'if-match': '"1"' } });
    expect(patched.status).toBe(200);
    const { 'MFA Russia': ru } = await stats('working');
    expect(ru).toMatchObject({ responded: 4, awaiting: 0, medianResponseMs: 2 * H, p90ResponseMs: 9 * H });
    // At 2 h 2 of 5 → 0.6; 3 h censored; at 8 h 1 of 2 → 0.3; at 9 h 1 of 1 → 0: median 8 h.
    expect(ru!.survivalMedianMs).toBe(8 * H);
  });

  it('answers the trend on working time too, and refuses an unknown clock', async () => {
    const trend = await bodyAs(await analyst.request('/api/stats/trend?groupBy=ministry&interval=month&clock=working'), Trend);
    expect(trend.clock).toBe('working');
    const ru = trend.groups.find((g) => g.label === 'MFA Russia')!;
    expect(ru.periods).toHaveLength(1);
    expect(ru.periods[0]).toMatchObject({ calls: 5, medianResponseMs: 2 * H });
    await expectProblem(await analyst.request('/api/stats/response-times?clock=office'), 400, ['clock']);
  });
});
