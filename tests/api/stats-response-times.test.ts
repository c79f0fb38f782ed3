import { beforeAll, describe, expect, it } from 'vitest';
import { ResponseTimes } from '#shared/schemas/stats.ts';
import type { ResponseTimeGroup } from '#shared/schemas/stats.ts';
import { bodyAs, createTestApp, expectProblem } from '../support/app.ts';
import type { TestApp, TestUser } from '../support/app.ts';
import { H, NOW_ISO, at, insertDataset, ministries, officials } from './stats-dataset.ts';

// Every expected figure below is worked by hand from the durations in
// stats-dataset.ts (hours; + = censored). Log-log bands: lower = S^exp(z·se),
// upper = S^exp(−z·se), se = √V / |ln S|, z = 1.959964, V = Σ d / (n (n − d)).

type Expected = Omit<ResponseTimeGroup, 'survival' | 'survivalThinned'> & { survival: [number, number][] };

/** Checks every field: integers and nulls exactly, fractions to 12 digits. */
function expectFigures(group: ResponseTimeGroup | undefined, expected: Expected) {
  expect(group, expected.label).toBeDefined();
  const { survival, responseRate, replyWithin24hProbability, replyWithin72hProbability, ...exact } = expected;
  const close = (v: number | null) => (v === null ? null : expect.closeTo(v, 12));
  expect(group).toEqual({
    ...exact,
    responseRate: close(responseRate),
    replyWithin24hProbability: close(replyWithin24hProbability),
    replyWithin72hProbability: close(replyWithin72hProbability),
    survival: survival.map(([t, s]) => ({ tMs: t * H, stillAwaiting: expect.closeTo(s, 12) })),
    survivalThinned: false,
  });
}

/**
 * MFA Russia: 0, 10, 10+ (withdrawn), 30, 50, 108+ (awaiting), 408+ (awaiting).
 *   calls 7, responded 4, awaiting 2, withdrawn 1, rate 4/7.
 *   Replies 0, 10, 30, 50: median rank ceil(0.5·4) = 2 → 10 h; p90 rank ceil(3.6) = 4 → 50 h.
 *   t=0:  n=7, d=1        S = 6/7              V = 1/42
 *   t=10: n=6, d=1, c=1   S = 6/7·5/6 = 5/7    V = 1/42 + 1/30 = 0.057143  (reply before the withdrawal)
 *   t=30: n=4, d=1        S = 5/7·3/4 = 15/28  V += 1/12 → 0.140476
 *   t=50: n=3, d=1        S = 15/28·2/3 = 5/14 = 0.357 ≤ 0.5 → survival median 50 h
 *   S(24 h) = 5/7 → 2/7 within 24 h; S(72 h) = 5/14 → 9/14 within 72 h.
 *   Lower band at t=0: se = √(1/42)/0.154151 = 1.000990, (6/7)^exp(1.961904) = (6/7)^7.1129 = 0.33405 ≤ 0.5 → 0 h.
 *   Upper band: 0.97856, 0.91980, 0.82500, 0.69871 at 0, 10, 30, 50 — never ≤ 0.5 → null.
 */
const mfaRussia: Expected = {
  key: ministries.mfaRu.id, label: 'MFA Russia',
  calls: 7, responded: 4, awaiting: 2, withdrawn: 1, responseRate: 4 / 7,
  medianResponseMs: 10 * H, p90ResponseMs: 50 * H, survivalMedianMs: 50 * H,
  survivalMedianCi: { lowerMs: 0, upperMs: null },
  replyWithin24hProbability: 2 / 7, replyWithin72hProbability: 9 / 14, smallSample: false,
  survival: [[0, 1], [0, 6 / 7], [10, 5 / 7], [30, 15 / 28], [50, 5 / 14]], observedUntilMs: 408 * H,
};

/**
 * MOFA Japan: replies after 1, 2, …, 8 h, nothing censored: S(k) = (8 − k)/8.
 *   calls 8, responded 8, rate 1; median rank 4 → 4 h; p90 rank ceil(7.2) = 8 → 8 h.
 *   S(4) = 4/8 = 0.5 ≤ 0.5 → survival median 4 h. S reaches 0 at 8 h, so 24 h and 72 h are certain (1).
 *   V(k) telescopes to k / (8 (8 − k)).
 *   Lower band at 1 h: S = 7/8, V = 1/56, se = 0.133631/0.133531 = 1.000749, (7/8)^exp(1.961432) = (7/8)^7.10953 = 0.38700 ≤ 0.5 → 1 h.
 *   Upper band at 6 h: S = 1/4, V = 6/16, se = 0.612372/1.386294 = 0.441733, (1/4)^exp(−0.865781) = 0.25^0.420731 = 0.55808 > 0.5;
 *   at 7 h: S = 1/8, V = 7/8, se = 0.935414/2.079442 = 0.449836, (1/8)^exp(−0.881662) = 0.125^0.414103 = 0.42270 ≤ 0.5 → 7 h.
 */
const mofaJapan: Expected = {
  key: ministries.mofaJp.id, label: 'MOFA Japan',
  calls: 8, responded: 8, awaiting: 0, withdrawn: 0, responseRate: 1,
  medianResponseMs: 4 * H, p90ResponseMs: 8 * H, survivalMedianMs: 4 * H,
  survivalMedianCi: { lowerMs: 1 * H, upperMs: 7 * H },
  replyWithin24hProbability: 1, replyWithin72hProbability: 1, smallSample: false,
  survival: [[0, 1], [1, 7 / 8], [2, 6 / 8], [3, 5 / 8], [4, 4 / 8], [5, 3 / 8], [6, 2 / 8], [7, 1 / 8], [8, 0]], observedUntilMs: 8 * H,
};

/** MOFA Korea, a single call replied after 5 h: S drops 1 → 0 (band undefined there: interval null, null). */
const mofaKorea: Expected = {
  key: ministries.mofaKr.id, label: 'MOFA Korea',
  calls: 1, responded: 1, awaiting: 0, withdrawn: 0, responseRate: 1,
  medianResponseMs: 5 * H, p90ResponseMs: 5 * H, survivalMedianMs: 5 * H,
  survivalMedianCi: { lowerMs: null, upperMs: null },
  replyWithin24hProbability: 1, replyWithin72hProbability: 1, smallSample: true,
  survival: [[0, 1], [5, 0]], observedUntilMs: 5 * H,
};

/**
 * MFA China: 8+ (awaiting), 20+ (withdrawn) — no reply at all: S stays 1, no median.
 * The data ends at 20 h with S = 1 > 0, so nothing can be said about 24 h or 72 h (null).
 */
const mfaChina: Expected = {
  key: ministries.mfaCn.id, label: 'MFA China',
  calls: 2, responded: 0, awaiting: 1, withdrawn: 1, responseRate: 0,
  medianResponseMs: null, p90ResponseMs: null, survivalMedianMs: null,
  survivalMedianCi: { lowerMs: null, upperMs: null },
  replyWithin24hProbability: null, replyWithin72hProbability: null, smallSample: true,
  survival: [[0, 1]], observedUntilMs: 20 * H,
};

/**
 * MoD Russia: 10, 100. median rank 1 → 10 h; p90 rank 2 → 100 h.
 *   t=10: n=2, d=1 → S = 1/2 ≤ 0.5 → survival median 10 h; t=100: S = 0.
 *   S(24 h) = 1/2 → 0.5; S(72 h) = 1/2 → 0.5 (data reaches 100 h).
 *   Lower band at 10 h: V = 1/2, se = 0.707107/0.693147 = 1.020140, 0.5^exp(1.999444) = 0.5^7.38497 = 0.00598 → 10 h;
 *   upper 0.5^exp(−1.999444) = 0.5^0.135410 = 0.91041; then S = 0 → null.
 */
const modRussia: Expected = {
  key: ministries.modRu.id, label: 'MoD Russia',
  calls: 2, responded: 2, awaiting: 0, withdrawn: 0, responseRate: 1,
  medianResponseMs: 10 * H, p90ResponseMs: 100 * H, survivalMedianMs: 10 * H,
  survivalMedianCi: { lowerMs: 10 * H, upperMs: null },
  replyWithin24hProbability: 0.5, replyWithin72hProbability: 0.5, smallSample: true,
  survival: [[0, 1], [10, 0.5], [100, 0]], observedUntilMs: 100 * H,
};

let t: TestApp;
let viewer: TestUser;

async function get(query: string) {
  const res = await viewer.request(`/api/stats/response-times${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return bodyAs(res, ResponseTimes);
}
const groupOf = (body: ResponseTimes, key: string) => body.groups.find((g) => g.key === key);

beforeAll(async () => {
  t = await createTestApp({ now: NOW_ISO });
  await insertDataset(t.db);
  viewer = await t.createUser('viewer');
});

describe('GET /api/stats/response-times', () => {
  it('groups by the callee’s ministry by default, every figure as worked by hand', async () => {
    const body = await get('');
    expect(body).toMatchObject({ groupBy: 'ministry', from: null, to: null, asOf: NOW_ISO });
    // Sorted by label (as people read it: case aside, MoD before MOFA); the State Department only ever calls, so it is no group.
    expect(body.groups.map((g) => g.label)).toEqual(['MFA China', 'MFA Russia', 'MoD Russia', 'MOFA Japan', 'MOFA Korea']);
    expectFigures(groupOf(body, ministries.mfaRu.id), mfaRussia);
    expectFigures(groupOf(body, ministries.mofaJp.id), mofaJapan);
    expectFigures(groupOf(body, ministries.mofaKr.id), mofaKorea);
    expectFigures(groupOf(body, ministries.mfaCn.id), mfaChina);
    expectFigures(groupOf(body, ministries.modRu.id), modRussia);
  });

  it('groups by official', async () => {
    const body = await get('?groupBy=official');
    expect(body.groups.map((g) => g.label)).toEqual(['Fumio Kishida', 'Sergei Lavrov', 'Sergei Ryabkov', 'Sergei Shoigu', 'Wang Yi', 'Yun Byung-se']);
    /**
     * Lavrov: 10, 10+ (withdrawn), 30, 108+, 408+. calls 5, responded 2, rate 2/5.
     *   Replies 10, 30: median rank 1 → 10 h; p90 rank ceil(1.8) = 2 → 30 h.
     *   t=10: n=5, d=1, c=1 → S = 4/5; t=30: n=3, d=1 → S = 4/5·2/3 = 8/15 = 0.533 > 0.5 → no survival median,
     *   although the plain median says 10 h: the two calls still open hold the curve up.
     *   S(24 h) = 4/5 → 1/5; S(72 h) = 8/15 → 7/15.
     *   Lower band at 10 h: V = 1/20, se = 0.223607/0.223144 = 1.002076, 0.8^exp(1.964032) = 0.8^7.12804 = 0.20381 → 10 h.
     *   Upper: 0.96918, 0.86307 → null.
     */
    expectFigures(groupOf(body, officials.lavrov.id), {
      key: officials.lavrov.id, label: 'Sergei Lavrov',
      calls: 5, responded: 2, awaiting: 2, withdrawn: 1, responseRate: 2 / 5,
      medianResponseMs: 10 * H, p90ResponseMs: 30 * H, survivalMedianMs: null,
      survivalMedianCi: { lowerMs: 10 * H, upperMs: null },
      replyWithin24hProbability: 1 / 5, replyWithin72hProbability: 7 / 15, smallSample: false,
      survival: [[0, 1], [10, 4 / 5], [30, 8 / 15]], observedUntilMs: 408 * H,
    });
    /**
     * Ryabkov: 0 (answered on the spot), 50. median rank 1 → 0 h; p90 rank 2 → 50 h.
     *   t=0: n=2, d=1 → S = 1/2 → survival median 0 h (a drop at the origin); t=50: S = 0.
     *   S(24 h) = 1/2; S(72 h) = 0 (reached 0 at 50 h) → 1.
     *   Lower band at 0: 0.5^7.38497 = 0.00598 → 0 h; upper 0.91041, then undefined → null.
     */
    expectFigures(groupOf(body, officials.ryabkov.id), {
      key: officials.ryabkov.id, label: 'Sergei Ryabkov',
      calls: 2, responded: 2, awaiting: 0, withdrawn: 0, responseRate: 1,
      medianResponseMs: 0, p90ResponseMs: 50 * H, survivalMedianMs: 0,
      survivalMedianCi: { lowerMs: 0, upperMs: null },
      replyWithin24hProbability: 0.5, replyWithin72hProbability: 1, smallSample: true,
      survival: [[0, 1], [0, 0.5], [50, 0]], observedUntilMs: 50 * H,
    });
    // One official per ministry elsewhere: the same figures as the ministry, under the official's id.
    expectFigures(groupOf(body, officials.kishida.id), { ...mofaJapan, key: officials.kishida.id, label: 'Fumio Kishida' });
    expectFigures(groupOf(body, officials.yun.id), { ...mofaKorea, key: officials.yun.id, label: 'Yun Byung-se' });
  });

  it('groups by the callee’s country, merging both Russian ministries', async () => {
    const body = await get('?groupBy=country');
    expect(body.groups.map((g) => [g.key, g.label])).toEqual([['CN', 'China'], ['JP', 'Japan'], ['RU', 'Russia'], ['KR', 'South Korea']]);
    /**
     * Russia = MFA Russia + MoD Russia: 0, 10, 10, 10+, 30, 50, 100, 108+, 408+.
     *   calls 9, responded 6, awaiting 2, withdrawn 1, rate 6/9 = 2/3.
     *   Replies 0, 10, 10, 30, 50, 100: median rank 3 → 10 h; p90 rank ceil(5.4) = 6 → 100 h.
     *   t=0:   n=9, d=1       S = 8/9
     *   t=10:  n=8, d=2, c=1  S = 8/9·6/8 = 2/3
     *   t=30:  n=5, d=1       S = 2/3·4/5 = 8/15 = 0.533
     *   t=50:  n=4, d=1       S = 8/15·3/4 = 2/5 ≤ 0.5 → survival median 50 h
     *   t=100: n=3, d=1       S = 2/5·2/3 = 4/15
     *   S(24 h) = 2/3 → 1/3; S(72 h) = 2/5 → 3/5.
     *   Lower band at 0: V = 1/72, se = 0.117851/0.117783 = 1.000577, (8/9)^exp(1.961095) = (8/9)^7.10714 = 0.43297 → 0 h.
     *   Upper: 0.98356, 0.87831, 0.79591, 0.69652, 0.57929 → never ≤ 0.5 → null.
     */
    expectFigures(groupOf(body, 'RU'), {
      key: 'RU', label: 'Russia',
      calls: 9, responded: 6, awaiting: 2, withdrawn: 1, responseRate: 2 / 3,
      medianResponseMs: 10 * H, p90ResponseMs: 100 * H, survivalMedianMs: 50 * H,
      survivalMedianCi: { lowerMs: 0, upperMs: null },
      replyWithin24hProbability: 1 / 3, replyWithin72hProbability: 3 / 5, smallSample: false,
      survival: [[0, 1], [0, 8 / 9], [10, 2 / 3], [30, 8 / 15], [50, 2 / 5], [100, 4 / 15]], observedUntilMs: 408 * H,
    });
    expectFigures(groupOf(body, 'JP'), { ...mofaJapan, key: 'JP', label: 'Japan' });
    expectFigures(groupOf(body, 'CN'), { ...mfaChina, key: 'CN', label: 'China' });
  });

  it('counts only calls placed in [from, to), with any offset in the input', async () => {
    // [T0 + 24 h, T0 + 100 h): c-b (10), c-c (30), c-d (10+ withdrawn), c-e (50), and MoD's c-h (10), placed at T0 + 30 h.
    // T0 + 24 h is 2013-02-13T00:00Z, written here as 03:00 in Moscow; c-b placed exactly at `from` is in, c-f at T0 + 120 h is out.
    const body = await get(`?from=2013-02-13T03:00:00%2B03:00&to=${encodeURIComponent(at(100))}`);
    expect(body.from).toBe('2013-02-13T00:00:00.000Z');
    expect(body.to).toBe(at(100));
    expect(body.groups.map((g) => g.label)).toEqual(['MFA Russia', 'MoD Russia']);
    /**
     * MFA Russia in the window: 10, 10+, 30, 50. calls 4, responded 3, withdrawn 1, rate 3/4.
     *   Replies 10, 30, 50: median rank 2 → 30 h; p90 rank ceil(2.7) = 3 → 50 h.
     *   t=10: n=4, d=1, c=1 → S = 3/4; t=30: n=2, d=1 → S = 3/8 ≤ 0.5 → survival median 30 h; t=50: S = 0.
     *   S(24 h) = 3/4 → 1/4; S(72 h) = 0 → 1.
     *   Lower band at 10 h: V = 1/12, se = 0.288675/0.287682 = 1.003452, 0.75^exp(1.966730) = 0.75^7.14730 = 0.12795 → 10 h.
     *   Upper at 10 h: 0.75^exp(−1.966730) = 0.75^0.139914 = 0.96055; at 30 h: V = 1/12 + 1/2, se = 0.763763/0.980829 = 0.778691,
     *   0.375^exp(−1.526207) = 0.375^0.217390 = 0.80800; then S = 0 → null.
     */
    expectFigures(groupOf(body, ministries.mfaRu.id), {
      key: ministries.mfaRu.id, label: 'MFA Russia',
      calls: 4, responded: 3, awaiting: 0, withdrawn: 1, responseRate: 3 / 4,
      medianResponseMs: 30 * H, p90ResponseMs: 50 * H, survivalMedianMs: 30 * H,
      survivalMedianCi: { lowerMs: 10 * H, upperMs: null },
      replyWithin24hProbability: 1 / 4, replyWithin72hProbability: 1, smallSample: true,
      survival: [[0, 1], [10, 3 / 4], [30, 3 / 8], [50, 0]], observedUntilMs: 50 * H,
    });
    expect(groupOf(body, ministries.modRu.id)).toMatchObject({ calls: 1, responded: 1, medianResponseMs: 10 * H, survivalMedianMs: 10 * H, smallSample: true });
  });

  it('keeps one group with key', async () => {
    const body = await get(`?key=${ministries.mofaJp.id}`);
    expect(body.groups.map((g) => g.key)).toEqual([ministries.mofaJp.id]);
    expectFigures(body.groups[0], mofaJapan);
    expect((await get('?groupBy=country&key=KR')).groups.map((g) => g.label)).toEqual(['South Korea']);
    expect((await get('?key=nobody')).groups).toEqual([]);
  });

  it('answers no groups for a range without calls', async () => {
    expect((await get('?from=2020-01-01T00:00:00Z')).groups).toEqual([]);
    expect((await get(`?to=${encodeURIComponent(at(0))}`)).groups).toEqual([]);
  });

  it('lets the clock run: an awaiting call’s duration is measured at the moment of the request', async () => {
    // MFA China's open call (placed T0 + 400 h) has waited 8 h at NOW; the withdrawn one ended at 20 h,
    // so the data ends at 20 h and 24 h is out of reach (null). 20 hours later it has waited 28 h:
    // the data reaches past 24 h with S still 1, so the chance of a reply within 24 h is now known to be 0.
    t.clock.advance(20 * H);
    try {
      const china = groupOf(await get(''), ministries.mfaCn.id);
      expect(china).toMatchObject({ awaiting: 1, withdrawn: 1, replyWithin24hProbability: 0, replyWithin72hProbability: null });
    } finally {
      t.clock.set(NOW_ISO);
    }
  });

  it('refuses a bad groupBy, from or to with a 400 naming the field', async () => {
    await expectProblem(await viewer.request('/api/stats/response-times?groupBy=callee'), 400, ['groupBy']);
    await expectProblem(await viewer.request('/api/stats/response-times?from=yesterday'), 400, ['from']);
    await expectProblem(await viewer.request('/api/stats/response-times?to=2013-02-30T00:00:00Z'), 400, ['to']);
    await expectProblem(await viewer.request(`/api/stats/response-times?from=${encodeURIComponent(at(10))}&to=${encodeURIComponent(at(10))}`), 400, ['to']);
    await expectProblem(await viewer.request('/api/stats/response-times?ministry=x'), 400, ['ministry']);
  });

  it('needs a signed-in user', async () => {
    await expectProblem(await t.request('/api/stats/response-times'), 401);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await t.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/stats/response-times', '/stats/trend', '/stats/awaiting-context']));
  });
});
