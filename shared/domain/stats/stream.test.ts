import { describe, expect, it } from 'vitest';
// The engine against the independent reference implementation kept with the tests.
import { kaplanMeierFromCounts } from '../../../tests/reference/stats/kaplan-meier.ts';
import { nearestRank } from '../../../tests/reference/stats/percentile.ts';
import type { GroupCounts } from '../../../tests/reference/stats/summary.ts';
import { shareRepliedSooner as referenceShareRepliedSooner, summarizeCounts } from '../../../tests/reference/stats/summary.ts';
import { MAX_CURVE_POINTS, THIN_STEP, shareRepliedSooner, survivalAt, thinCurve } from './curve.ts';
import type { ObservationKind } from './stream.ts';
import { AWAITING, HOUR_MS, REPLY, SurvivalStream, WITHDRAWN, nearestRankPosition } from './stream.ts';

const H = HOUR_MS;
type Obs = [durationMs: number, kind: ObservationKind];

function stream(observations: Obs[], options: { interval?: boolean; curve?: boolean } = {}) {
  const sorted = [...observations].sort((a, b) => a[0] - b[0]);
  const s = new SurvivalStream({ total: sorted.length, responded: sorted.filter((o) => o[1] === REPLY).length, ...options });
  for (const [d, outcome] of sorted) s.add(d, outcome);
  return s;
}

function countsOf(observations: Obs[]): GroupCounts {
  const rows = new Map<number, { durationMs: number; events: number; censored: number }>();
  let awaiting = 0;
  let withdrawn = 0;
  for (const [durationMs, outcome] of observations) {
    const row = rows.get(durationMs) ?? { durationMs, events: 0, censored: 0 };
    if (outcome === REPLY) row.events += 1;
    else row.censored += 1;
    if (outcome === AWAITING) awaiting += 1;
    if (outcome === WITHDRAWN) withdrawn += 1;
    rows.set(durationMs, row);
  }
  return { awaiting, withdrawn, rows: [...rows.values()] };
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (x * 1664525 + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('SurvivalStream', () => {
  it('works the mixed example of summary.test.ts by hand', () => {
    // Hours (+ = censored): 2, 5, 5+ (withdrawn), 10+ (awaiting), 30, 80, 100+ (awaiting).
    //   t=2:  n=7, d=1        S = 6/7
    //   t=5:  n=6, d=1, c=1   S = 6/7 · 5/6 = 5/7
    //   t=30: n=3, d=1        S = 5/7 · 2/3 = 10/21 ≤ 0.5 → survival median 30 h
    //   t=80: n=2, d=1        S = 5/21
    // Replies 2, 5, 30, 80: median rank ceil(2) = 2 → 5 h; p90 rank ceil(3.6) = 4 → 80 h.
    // Within 24 h: 1 − 5/7 = 2/7; within 72 h: 1 − 10/21 = 11/21.
    const s = stream([[2 * H, REPLY], [5 * H, REPLY], [5 * H, WITHDRAWN], [10 * H, AWAITING], [30 * H, REPLY], [80 * H, REPLY], [100 * H, AWAITING]]).finish();
    expect(s).toMatchObject({
      calls: 7, responded: 4, awaiting: 2, withdrawn: 1,
      medianResponseMs: 5 * H, p90ResponseMs: 80 * H, survivalMedianMs: 30 * H,
      survivalMedianCi: { lowerMs: 2 * H, upperMs: null }, smallSample: false, survivalThinned: false, observedUntilMs: 100 * H,
    });
    expect(s.responseRate).toBeCloseTo(4 / 7, 12);
    expect(s.replyWithin24hProbability).toBeCloseTo(2 / 7, 12);
    expect(s.replyWithin72hProbability).toBeCloseTo(11 / 21, 12);
    expect(s.survival.map((p) => p.tMs)).toEqual([0, 2 * H, 5 * H, 30 * H, 80 * H]);
  });

  it('gives the 6-MP data the median and interval R reports: 23 weeks, [13, NA]', () => {
    // Freireich's 6-MP group in weeks (+ = censored); R's survfit(conf.type = "log-log")
    // prints median 23, 0.95LCL 13, 0.95UCL NA (the pointwise bands are worked by hand
    // in tests/reference/stats/median-interval.test.ts).
    const replies = [6, 6, 6, 7, 10, 13, 16, 22, 23];
    const censored = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35];
    const s = stream([...replies.map((d): Obs => [d, REPLY]), ...censored.map((d): Obs => [d, WITHDRAWN])]).finish();
    expect(s).toMatchObject({ calls: 21, responded: 9, survivalMedianMs: 23, survivalMedianCi: { lowerMs: 13, upperMs: null } });
  });

  it('agrees bit for bit with summarizeCounts on 300 random groups', () => {
    const next = random(42);
    for (let g = 0; g < 300; g++) {
      const size = Math.floor(next() * 60);
      const spread = next() < 0.3 ? 5 : 200 * H; // small spreads make many ties
      const obs: Obs[] = [];
      for (let i = 0; i < size; i++) {
        const r = next();
        obs.push([Math.floor(next() * spread), r < 0.7 ? REPLY : r < 0.85 ? WITHDRAWN : AWAITING]);
      }
      const { survivalThinned, observedUntilMs, ...fromStream } = stream(obs).finish();
      expect(survivalThinned).toBe(false);
      expect(observedUntilMs).toBe(obs.length === 0 ? null : Math.max(...obs.map((o) => o[0])));
      expect(fromStream, `group ${g}`).toEqual(summarizeCounts(countsOf(obs)));
    }
  });

  it('reads S(t) and the share replied sooner exactly as survivalAt and shareRepliedSooner do', () => {
    const next = random(7);
    for (let g = 0; g < 100; g++) {
      const obs: Obs[] = Array.from({ length: Math.floor(next() * 30) }, () => [Math.floor(next() * 50), next() < 0.6 ? REPLY : AWAITING] as Obs);
      const view = stream(obs).curveView();
      const km = kaplanMeierFromCounts(countsOf(obs).rows);
      for (const t of [-1, 0, 1, 7.5, 13, 25, 49, 50, 51, 1000]) {
        expect(shareRepliedSooner(view, t), `group ${g}, t ${t}`).toEqual(referenceShareRepliedSooner(km, t));
      }
    }
    expect(() => survivalAt(stream([]).curveView(), Number.NaN)).toThrow(RangeError);
  });

  it('handles an empty group, a single call and an all-censored group', () => {
    expect(stream([]).finish()).toEqual({ ...summarizeCounts({ awaiting: 0, withdrawn: 0, rows: [] }), observedUntilMs: null, survivalThinned: false });
    // One reply after 3 h: S drops 1 → 0 at 3 h; median 3 h; the band is undefined at S = 0 (interval null, null).
    const one = stream([[3 * H, REPLY]]).finish();
    expect(one).toMatchObject({ calls: 1, responded: 1, medianResponseMs: 3 * H, p90ResponseMs: 3 * H, survivalMedianMs: 3 * H, smallSample: true });
    expect(one.survivalMedianCi).toEqual({ lowerMs: null, upperMs: null });
    // S reached 0 at 3 h, so it is known beyond the data: a reply within 24 h is certain.
    expect(one.replyWithin24hProbability).toBe(1);
    const censored = stream([[5 * H, AWAITING], [30 * H, WITHDRAWN]]).finish();
    expect(censored).toMatchObject({ survivalMedianMs: null, medianResponseMs: null, responseRate: 0, replyWithin24hProbability: 0, replyWithin72hProbability: null });
  });

  it('skips the interval and the curve when asked, keeping the medians', () => {
    const s = stream([[1, REPLY], [2, REPLY], [3, AWAITING]], { interval: false, curve: false }).finish();
    expect(s.survivalMedianCi).toEqual({ lowerMs: null, upperMs: null });
    expect(s.survival).toEqual([]);
    expect(s.survivalMedianMs).toBe(2); // S(1) = 2/3, S(2) = 2/3 · 1/2 = 1/3
    expect(s.medianResponseMs).toBe(1);
  });

  it('refuses observations out of order or counts that do not add up', () => {
    const s = new SurvivalStream({ total: 2, responded: 1 });
    s.add(5, REPLY);
    expect(() => s.add(4, AWAITING)).toThrow(RangeError);
    const short = new SurvivalStream({ total: 2, responded: 1 });
    short.add(5, REPLY);
    expect(() => short.finish()).toThrow(RangeError);
    expect(() => new SurvivalStream({ total: 1, responded: 2 })).toThrow(RangeError);
  });
});

describe('nearestRankPosition', () => {
  it('picks the same element as nearestRank', () => {
    for (const n of [1, 2, 3, 4, 9, 10, 11, 250]) {
      const values = Array.from({ length: n }, (_, i) => i + 1);
      for (const p of [1, 10, 50, 64.4, 90, 91, 100]) expect(nearestRankPosition(n, p)).toBe(nearestRank(values, p));
    }
    expect(() => nearestRankPosition(3, 0)).toThrow(RangeError);
  });
});

describe('thinCurve', () => {
  it('keeps a short curve whole', () => {
    const t = [0, 1, 2];
    const s = [1, 0.5, 0.25];
    expect(thinCurve(t, s)).toEqual({ points: [{ tMs: 0, stillAwaiting: 1 }, { tMs: 1, stillAwaiting: 0.5 }, { tMs: 2, stillAwaiting: 0.25 }], thinned: false });
  });

  it('thins a long curve to exact points within THIN_STEP of the full step curve', () => {
    // 5000 replies at 1..5000 ms, nothing censored: S(k) = (5000 − k)/5000, so a kept
    // point every 5 replies (a fall of exactly 0.001) — about 1000 points.
    const n = 5000;
    const t = [0];
    const s = [1];
    let survival = 1;
    for (let k = 1; k <= n; k++) {
      survival *= (n - k + 1 - 1) / (n - k + 1);
      t.push(k);
      s.push(survival);
    }
    const { points, thinned } = thinCurve(t, s);
    expect(thinned).toBe(true);
    expect(points.length).toBeLessThanOrEqual(MAX_CURVE_POINTS + 2);
    expect(points.length).toBeGreaterThan(900);
    expect(points[points.length - 1]).toEqual({ tMs: n, stillAwaiting: 0 });
    // Every kept point is on the full curve, and at every full point the thinned step is within THIN_STEP.
    const full = new Map(t.map((tm, i) => [tm, s[i]]));
    for (const p of points) expect(full.get(p.tMs)).toBe(p.stillAwaiting);
    let j = 0;
    for (let i = 0; i < t.length; i++) {
      while (j + 1 < points.length && points[j + 1]!.tMs <= t[i]!) j++;
      expect(points[j]!.stillAwaiting - s[i]!).toBeLessThan(THIN_STEP + 1e-12);
    }
  });
});
