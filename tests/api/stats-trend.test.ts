import { beforeAll, describe, expect, it } from 'vitest';
import { Trend } from '#shared/schemas/stats.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import type { TestApp, TestUser } from '../support/app.ts';
import { H, NOW_ISO, insertDataset, ministries } from './stats-dataset.ts';

// Placements (hours after T0 = Tue 2013-02-12 00:00 UTC) fall in three ISO weeks:
//   W1 [Mon 02-11, 02-18) = T0 − 24 h … T0 + 144 h: c-a…c-f (MFA Russia), c-h (MoD), c-w (China)
//   W2 [02-18, 02-25) = … T0 + 312 h: c-g (MFA Russia), c-i (MoD), Japan ×8, Korea
//   W3 [02-25, 03-04): c-x (China)
const W1 = { start: '2013-02-11T00:00:00.000Z', end: '2013-02-18T00:00:00.000Z' };
const W2 = { start: '2013-02-18T00:00:00.000Z', end: '2013-02-25T00:00:00.000Z' };
const W3 = { start: '2013-02-25T00:00:00.000Z', end: '2013-03-04T00:00:00.000Z' };

let t: TestApp;
let viewer: TestUser;

async function trend(query: string) {
  const res = await viewer.request(`/api/stats/trend${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return bodyAs(res, Trend);
}

beforeAll(async () => {
  t = await createTestApp({ now: NOW_ISO });
  await insertDataset(t.db);
  viewer = await t.createUser('viewer');
});

describe('GET /api/stats/trend', () => {
  it('gives weekly medians per ministry, for the weeks with calls', async () => {
    const body = await trend('');
    expect(body).toMatchObject({ groupBy: 'ministry', interval: 'week', from: null, to: null, asOf: NOW_ISO });
    const byKey = Object.fromEntries(body.groups.map((g) => [g.key, g.periods]));
    /**
     * MFA Russia, W1: 408+, 10, 30, 10+, 50, 0 → calls 6, replies 0, 10, 30, 50 → median rank 2 → 10 h.
     *   t=0: n=6, d=1 → 5/6; t=10: n=5, d=1, c=1 → 2/3; t=30: n=3, d=1 → 4/9 ≤ 0.5 → survival median 30 h.
     * W2: only c-g, awaiting 108 h: no reply, no median of either kind.
     */
    expect(byKey[ministries.mfaRu.id]).toEqual([
      { ...W1, calls: 6, responded: 4, medianResponseMs: 10 * H, survivalMedianMs: 30 * H },
      { ...W2, calls: 1, responded: 0, medianResponseMs: null, survivalMedianMs: null },
    ]);
    // MoD: 10 h in W1, 100 h in W2 (one reply each: both medians are that reply).
    expect(byKey[ministries.modRu.id]).toEqual([
      { ...W1, calls: 1, responded: 1, medianResponseMs: 10 * H, survivalMedianMs: 10 * H },
      { ...W2, calls: 1, responded: 1, medianResponseMs: 100 * H, survivalMedianMs: 100 * H },
    ]);
    // Japan: 1 … 8 h, all in W2: median rank 4 → 4 h; S(4 h) = 4/8 → 4 h.
    expect(byKey[ministries.mofaJp.id]).toEqual([{ ...W2, calls: 8, responded: 8, medianResponseMs: 4 * H, survivalMedianMs: 4 * H }]);
    // China: a withdrawal in W1, the open call in W3; nothing in W2.
    expect(byKey[ministries.mfaCn.id]).toEqual([
      { ...W1, calls: 1, responded: 0, medianResponseMs: null, survivalMedianMs: null },
      { ...W3, calls: 1, responded: 0, medianResponseMs: null, survivalMedianMs: null },
    ]);
  });

  it('gives monthly figures: February holds every call', async () => {
    const body = await trend(`?interval=month&key=${ministries.mfaRu.id}`);
    // The whole of MFA Russia (see stats-response-times.test.ts): median 10 h, survival median 50 h.
    expect(body.groups).toEqual([
      { key: ministries.mfaRu.id, label: 'MFA Russia', periods: [{ start: '2013-02-01T00:00:00.000Z', end: '2013-03-01T00:00:00.000Z', calls: 7, responded: 4, medianResponseMs: 10 * H, survivalMedianMs: 50 * H }] },
    ]);
  });

  it('keeps one country with key, within a window', async () => {
    /**
     * Russia, W1: MFA's six + MoD's c-h (10): 408+, 10, 30, 10+, 50, 0, 10 → calls 7, replies 0, 10, 10, 30, 50:
     *   median rank ceil(2.5) = 3 → 10 h. t=0: n=7, d=1 → 6/7; t=10: n=6, d=2, c=1 → 6/7·4/6 = 4/7 = 0.571;
     *   t=30: n=3, d=1 → 4/7·2/3 = 8/21 ≤ 0.5 → 30 h.
     * W2: c-g (108+), c-i (100): replies 100 → median 100 h; t=100: n=2, d=1 → 1/2 → 100 h.
     */
    const all = await trend('?groupBy=country&key=RU');
    expect(all.groups).toEqual([
      {
        key: 'RU', label: 'Russia',
        periods: [
          { ...W1, calls: 7, responded: 5, medianResponseMs: 10 * H, survivalMedianMs: 30 * H },
          { ...W2, calls: 2, responded: 1, medianResponseMs: 100 * H, survivalMedianMs: 100 * H },
        ],
      },
    ]);
    const windowed = await trend(`?groupBy=country&key=RU&from=${encodeURIComponent(W2.start)}&to=${encodeURIComponent(W2.end)}`);
    expect(windowed.groups[0]?.periods).toEqual([{ ...W2, calls: 2, responded: 1, medianResponseMs: 100 * H, survivalMedianMs: 100 * H }]);
  });

  it('answers no groups for an unknown key or an empty range', async () => {
    expect((await trend('?key=nobody')).groups).toEqual([]);
    expect((await trend('?from=2020-01-01T00:00:00Z')).groups).toEqual([]);
  });

  it('refuses a bad interval, groupBy or window', async () => {
    await expectProblem(await viewer.request('/api/stats/trend?interval=day'), 400, ['interval']);
    await expectProblem(await viewer.request('/api/stats/trend?groupBy=caller'), 400, ['groupBy']);
    await expectProblem(await viewer.request('/api/stats/trend?from=2013-02-20T00:00:00Z&to=2013-02-19T00:00:00Z'), 400, ['to']);
    await expectProblem(await t.request('/api/stats/trend'), 401);
  });
});
