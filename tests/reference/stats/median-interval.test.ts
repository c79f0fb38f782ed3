import { describe, expect, it } from 'vitest';
import { Z_95 } from '#shared/domain/stats/confidence.ts';
import { survivalMedianInterval, zForLevel } from './median-interval.ts';
import type { Observation } from './kaplan-meier.ts';
import { kaplanMeier } from './kaplan-meier.ts';

const e = (durationMs: number): Observation => ({ durationMs, event: true });
const c = (durationMs: number): Observation => ({ durationMs, event: false });

// Freireich 6-MP group, weeks (+ = censored), as in kaplan-meier.test.ts.
const sixMp: Observation[] = [
  e(6), e(6), e(6), c(6), e(7), c(9), e(10), c(10), c(11), e(13), e(16),
  c(17), c(19), c(20), e(22), e(23), c(25), c(32), c(32), c(34), c(35),
];

describe('zForLevel', () => {
  it('uses the exact 95% constant and solves other levels to ~1e-10', () => {
    expect(zForLevel(0.95)).toBe(1.959963984540054);
    expect(Z_95).toBe(1.959963984540054);
    // qnorm(0.995), qnorm(0.95), qnorm(0.975) from published tables / R
    expect(zForLevel(0.99)).toBeCloseTo(2.5758293035489004, 10);
    expect(zForLevel(0.9)).toBeCloseTo(1.6448536269514722, 10);
    expect(zForLevel(0.9500000001)).toBeCloseTo(1.959963984540054, 8);
  });

  it('rejects levels outside (0, 1)', () => {
    expect(() => zForLevel(0)).toThrow(RangeError);
    expect(() => zForLevel(1)).toThrow(RangeError);
    expect(() => zForLevel(95)).toThrow(RangeError);
  });
});

describe('survivalMedianInterval', () => {
  it('gives [13, NA] for the 6-MP data, as R reports', () => {
    // R: median 23, 0.95LCL 13, 0.95UCL NA. Pointwise log-log bands, by hand:
    //   t   S       lower    upper
    //   6   0.8571  0.6197   0.9516
    //   7   0.8067  0.5632   0.9228
    //  10   0.7529  0.5032   0.8894   ← lower band still above 0.5
    //  13   0.6902  0.4316   0.8491   ← lower band first ≤ 0.5: lower limit 13
    //  16   0.6275  0.3675   0.8049
    //  22   0.5378  0.2678   0.7468
    //  23   0.4482  0.1881   0.6801   ← upper band never ≤ 0.5: upper limit NA
    expect(survivalMedianInterval(kaplanMeier(sixMp))).toEqual({ lowerMs: 13, upperMs: null });
  });

  it('bounds both ends on 20 uncensored replies at 1..20', () => {
    // S(k) = (20 − k)/20; Greenwood telescopes: Σ 1/((20−i)(19−i)) = k / (20 (20 − k)).
    //   k=4:  S=0.80, V=0.012500, se=0.50104 → lower = 0.8^2.66983 = 0.55115
    //   k=5:  S=0.75, V=0.016667, se=0.44876 → lower = 0.75^2.40981 = 0.49994 ≤ 0.5 → 5
    //   k=14: S=0.30, V=0.116667, se=0.28370 → upper = 0.3^0.57348 = 0.50135
    //   k=15: S=0.25, V=0.150000, se=0.27938 → upper = 0.25^0.57835 = 0.44853 ≤ 0.5 → 15
    // Median 10 (S = 0.5 exactly; R would print 10.5 by its midpoint rule).
    const km = kaplanMeier(Array.from({ length: 20 }, (_, i) => e(i + 1)));
    expect(km.medianMs).toBe(10);
    expect(survivalMedianInterval(km)).toEqual({ lowerMs: 5, upperMs: 15 });
  });

  it('widens with a higher level', () => {
    // 99%: z = 2.575829; lower band S^exp(z·se):
    //   k=1: 0.95^exp(2.575829·1.00011) = 0.95^13.1459 = 0.5095
    //   k=2: 0.90^exp(2.575829·0.70743) = 0.90^6.1856  = 0.5211
    //   k=3: 0.85^exp(2.575829·0.57799) = 0.85^4.4317  = 0.4866 ≤ 0.5 → lower limit 3
    // (95% gave 5). Note the band rises from k=1 to k=2: log-log bands need not be
    // monotone, yet the first crossing in time and R's approx() pick agree here.
    const km = kaplanMeier(Array.from({ length: 20 }, (_, i) => e(i + 1)));
    expect(survivalMedianInterval(km, 0.99).lowerMs).toBe(3);
  });

  it('is unbounded without enough data', () => {
    // One reply: S drops 1 → 0, where the log-log band is undefined (R: NA, NA).
    expect(survivalMedianInterval(kaplanMeier([e(3)]))).toEqual({ lowerMs: null, upperMs: null });
    expect(survivalMedianInterval(kaplanMeier([c(3), c(4)]))).toEqual({ lowerMs: null, upperMs: null });
    expect(survivalMedianInterval(kaplanMeier([]))).toEqual({ lowerMs: null, upperMs: null });
  });
});
