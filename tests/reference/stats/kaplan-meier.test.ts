import { describe, expect, it } from 'vitest';
import type { Observation } from './kaplan-meier.ts';
import { kaplanMeier, kaplanMeierFromCounts, probabilityOfReplyWithin, survivalAt } from './kaplan-meier.ts';

const e = (durationMs: number): Observation => ({ durationMs, event: true });
const c = (durationMs: number): Observation => ({ durationMs, event: false });

/**
 * Freireich et al. (1963), 6-MP group, remission times in weeks (+ = censored):
 * 6,6,6,6+,7,9+,10,10+,11+,13,16,17+,19+,20+,22,23,25+,32+,32+,34+,35+.
 * Published KM table (e.g. Kleinbaum & Klein, "Survival Analysis", ch. 2):
 *   t   n  d   S(t)    SE (Greenwood)
 *   6  21  3  0.8571  0.0764
 *   7  17  1  0.8067  0.0869
 *  10  15  1  0.7529  0.0963
 *  13  12  1  0.6902  0.1068
 *  16  11  1  0.6275  0.1141
 *  22   7  1  0.5378  0.1282
 *  23   6  1  0.4482  0.1346
 */
const sixMp: Observation[] = [
  e(6), e(6), e(6), c(6), e(7), c(9), e(10), c(10), c(11), e(13), e(16),
  c(17), c(19), c(20), e(22), e(23), c(25), c(32), c(32), c(34), c(35),
];

describe('kaplanMeier on the 6-MP leukemia data', () => {
  const km = kaplanMeier(sixMp);
  const at = (t: number) => km.steps.find((s) => s.tMs === t);

  it('reproduces the published survival and Greenwood SE at every event time', () => {
    const published: Array<[number, number, number, number, number]> = [
      // t, atRisk, events, S, SE
      [6, 21, 3, 0.8571, 0.0764],
      [7, 17, 1, 0.8067, 0.0869],
      [10, 15, 1, 0.7529, 0.0963],
      [13, 12, 1, 0.6902, 0.1068],
      [16, 11, 1, 0.6275, 0.1141],
      [22, 7, 1, 0.5378, 0.1282],
      [23, 6, 1, 0.4482, 0.1346],
    ];
    for (const [t, n, d, s, se] of published) {
      const step = at(t);
      expect(step, `t=${t}`).toBeDefined();
      expect(step?.atRisk).toBe(n);
      expect(step?.events).toBe(d);
      expect(step?.survival).toBeCloseTo(s, 4);
      expect((step?.survival ?? 0) * Math.sqrt(step?.variance ?? 0)).toBeCloseTo(se, 4);
    }
  });

  it('matches the exact products and Greenwood sums worked by hand', () => {
    // S(6) = 18/21; S(23) = 18/21 · 16/17 · 14/15 · 11/12 · 10/11 · 6/7 · 5/6
    expect(at(6)?.survival).toBeCloseTo(18 / 21, 12);
    expect(at(23)?.survival).toBeCloseTo((18 / 21) * (16 / 17) * (14 / 15) * (11 / 12) * (10 / 11) * (6 / 7) * (5 / 6), 12);
    // Greenwood Σ d/(n(n−d)): 3/(21·18) + 1/(17·16) + 1/(15·14) + 1/(12·11) + 1/(11·10) + 1/(7·6) + 1/(6·5)
    expect(at(6)?.variance).toBeCloseTo(3 / 378, 12);
    expect(at(23)?.variance).toBeCloseTo(3 / 378 + 1 / 272 + 1 / 210 + 1 / 132 + 1 / 110 + 1 / 42 + 1 / 30, 12);
    // SE at 6 = (6/7)·√(1/126) = 0.07636; at 23 = 0.44818 · √0.090184 = 0.13459
  });

  it('lists every distinct time in the steps, censor-only ones included, with events before censoring', () => {
    expect(km.steps.map((s) => s.tMs)).toEqual([6, 7, 9, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 34, 35]);
    // At 6: 3 replies and 1 censoring; all 21 at risk. At 7 the risk set is 21 − 4 = 17.
    expect(at(6)).toMatchObject({ atRisk: 21, events: 3, censored: 1 });
    expect(at(9)).toMatchObject({ atRisk: 16, events: 0, censored: 1, survival: at(7)?.survival });
    expect(at(32)).toMatchObject({ atRisk: 4, events: 0, censored: 2 });
  });

  it('has a curve with one point per event time after the origin', () => {
    expect(km.curve.map((p) => p.tMs)).toEqual([0, 6, 7, 10, 13, 16, 22, 23]);
    expect(km.curve[0]).toEqual({ tMs: 0, stillAwaiting: 1 });
    expect(km.curve[7]?.stillAwaiting).toBeCloseTo(0.4482, 4);
  });

  it('has median 23: the first time S ≤ 0.5 (S(22) = 0.5378, S(23) = 0.4482)', () => {
    expect(km.medianMs).toBe(23);
  });

  it('reads S(t) as a right-continuous step and refuses to extrapolate past censored data', () => {
    expect(survivalAt(km, -1)).toBe(1);
    expect(survivalAt(km, 0)).toBe(1);
    expect(survivalAt(km, 5.9)).toBe(1);
    expect(survivalAt(km, 6)).toBeCloseTo(0.8571, 4);
    expect(survivalAt(km, 8)).toBeCloseTo(0.8067, 4); // between 7 and 10
    expect(survivalAt(km, 35)).toBeCloseTo(0.4482, 4); // last observation (censored) is still known
    expect(survivalAt(km, 35.5)).toBeNull(); // beyond it, 45% were still in remission: unknown
    expect(probabilityOfReplyWithin(km, 10)).toBeCloseTo(1 - 0.7529, 4);
    expect(probabilityOfReplyWithin(km, 36)).toBeNull();
  });

  it('gives the same result from counts per duration (the SQL GROUP BY shape), in any order', () => {
    const rows = [
      { durationMs: 35, events: 0, censored: 1 }, { durationMs: 6, events: 3, censored: 1 },
      { durationMs: 7, events: 1, censored: 0 }, { durationMs: 9, events: 0, censored: 1 },
      { durationMs: 10, events: 1, censored: 1 }, { durationMs: 11, events: 0, censored: 1 },
      { durationMs: 13, events: 1, censored: 0 }, { durationMs: 16, events: 1, censored: 0 },
      { durationMs: 17, events: 0, censored: 1 }, { durationMs: 19, events: 0, censored: 1 },
      { durationMs: 20, events: 0, censored: 1 }, { durationMs: 22, events: 1, censored: 0 },
      { durationMs: 23, events: 1, censored: 0 }, { durationMs: 25, events: 0, censored: 1 },
      { durationMs: 32, events: 0, censored: 1 }, { durationMs: 32, events: 0, censored: 1 },
      { durationMs: 34, events: 0, censored: 1 }, { durationMs: 50, events: 0, censored: 0 },
    ];
    expect(kaplanMeierFromCounts(rows)).toEqual(km);
  });
});

describe('kaplanMeier edge cases', () => {
  it('counts replies before censorings at the same time', () => {
    // 1, 2, 2+, 3, 3+, 5+ (n = 6), worked by hand:
    //   t=1: n=6, d=1 → S = 5/6,            V = 1/30
    //   t=2: n=5, d=1, c=1 → S = 5/6·4/5 = 2/3, V = 1/30 + 1/20 = 1/12
    //        (censoring first would give n=4 and S = 5/6·3/4 = 0.625)
    //   t=3: n=3, d=1, c=1 → S = 2/3·2/3 = 4/9, V = 1/12 + 1/6 = 1/4
    //   t=5: n=1, c=1
    const km = kaplanMeier([e(1), e(2), c(2), e(3), c(3), c(5)]);
    expect(km.steps.map((s) => [s.tMs, s.atRisk, s.events, s.censored])).toEqual([
      [1, 6, 1, 0], [2, 5, 1, 1], [3, 3, 1, 1], [5, 1, 0, 1],
    ]);
    expect(km.steps[1]?.survival).toBeCloseTo(2 / 3, 12);
    expect(km.steps[1]?.variance).toBeCloseTo(1 / 12, 12);
    expect(km.steps[2]?.survival).toBeCloseTo(4 / 9, 12);
    expect(km.steps[2]?.variance).toBeCloseTo(1 / 4, 12);
    expect(km.medianMs).toBe(3); // S(2) = 0.667 > 0.5, S(3) = 0.444
  });

  it('has no median when every call is censored', () => {
    const km = kaplanMeier([c(5), c(10), c(10)]);
    expect(km.curve).toEqual([{ tMs: 0, stillAwaiting: 1 }]);
    expect(km.medianMs).toBeNull();
    expect(km.steps.every((s) => s.survival === 1 && s.variance === 0)).toBe(true);
    expect(survivalAt(km, 10)).toBe(1);
    expect(survivalAt(km, 11)).toBeNull();
  });

  it('handles a single replied call', () => {
    const km = kaplanMeier([e(3)]);
    expect(km.curve).toEqual([{ tMs: 0, stillAwaiting: 1 }, { tMs: 3, stillAwaiting: 0 }]);
    expect(km.medianMs).toBe(3);
    expect(km.steps[0]).toMatchObject({ atRisk: 1, events: 1, survival: 0, variance: Infinity });
    expect(survivalAt(km, 2)).toBe(1);
    expect(survivalAt(km, 1000)).toBe(0); // S reached 0, so it is known beyond the data
    expect(probabilityOfReplyWithin(km, 1000)).toBe(1);
  });

  it('handles a single awaiting call', () => {
    const km = kaplanMeier([c(5)]);
    expect(km.medianMs).toBeNull();
    expect(survivalAt(km, 5)).toBe(1);
    expect(probabilityOfReplyWithin(km, 5)).toBe(0);
    expect(survivalAt(km, 6)).toBeNull();
  });

  it('handles empty input', () => {
    const km = kaplanMeier([]);
    expect(km).toEqual({ curve: [{ tMs: 0, stillAwaiting: 1 }], steps: [], medianMs: null });
    expect(survivalAt(km, 0)).toBeNull();
    expect(probabilityOfReplyWithin(km, 1)).toBeNull();
  });

  it('draws zero-delay replies as a drop at the origin', () => {
    // 0, 0, 10+, 20: t=0: n=4, d=2 → S = 1/2 (median 0); t=20: n=1, d=1 → S = 0
    const km = kaplanMeier([e(0), e(0), c(10), e(20)]);
    expect(km.curve).toEqual([{ tMs: 0, stillAwaiting: 1 }, { tMs: 0, stillAwaiting: 0.5 }, { tMs: 20, stillAwaiting: 0 }]);
    expect(km.medianMs).toBe(0);
    expect(survivalAt(km, 0)).toBe(0.5);
    expect(survivalAt(km, 19)).toBe(0.5);
    expect(survivalAt(km, 20)).toBe(0);
  });

  it('finds a median exactly at 0.5 despite float noise', () => {
    // 24 replies at 1..24: S(12) = 12/24 = 0.5 exactly, but the running
    // product 23/24 · 22/23 · … · 12/13 evaluates to 0.5000000000000001.
    const km = kaplanMeier(Array.from({ length: 24 }, (_, i) => e(i + 1)));
    expect(km.steps[11]?.survival).not.toBe(0.5);
    expect(km.medianMs).toBe(12);
  });

  it('rejects negative or non-finite durations and bad counts', () => {
    expect(() => kaplanMeier([e(-1)])).toThrow(RangeError);
    expect(() => kaplanMeier([c(Number.POSITIVE_INFINITY)])).toThrow(RangeError);
    expect(() => kaplanMeierFromCounts([{ durationMs: 1, events: 0.5, censored: 0 }])).toThrow(RangeError);
    expect(() => kaplanMeierFromCounts([{ durationMs: 1, events: 0, censored: -1 }])).toThrow(RangeError);
    expect(() => survivalAt(kaplanMeier([e(1)]), Number.NaN)).toThrow(RangeError);
  });
});
