import { describe, expect, it } from 'vitest';
import { logLogBand, Z_95 } from './confidence.ts';

describe('logLogBand', () => {
  it('reproduces R survfit(conf.type = "log-log") on the 6-MP data', () => {
    // R, summary(survfit(Surv(time, status) ~ 1, conf.type = "log-log")):
    //  time  survival  lower 95% CI  upper 95% CI
    //     6     0.857         0.620         0.952
    //    23     0.448         0.188         0.680
    // By hand at t = 6: S = 6/7, log S = −0.154151, Greenwood V = 1/126,
    //   √V = 0.089087, se = √V / |log S| = 0.577920, z·se = 1.132708,
    //   lower = S^exp(1.132708) = S^3.104048 = 0.61972,
    //   upper = S^exp(−1.132708) = S^0.322160 = 0.95155.
    const at6 = logLogBand(6 / 7, 1 / 126, Z_95);
    expect(at6?.lower).toBeCloseTo(0.61972, 5);
    expect(at6?.upper).toBeCloseTo(0.95155, 5);
    // At t = 23: S = 0.448179, log S = −0.802562, V = 0.0901844, √V = 0.300307,
    //   se = 0.374186, z·se = 0.733390, lower = S^2.082128 = 0.18805,
    //   upper = S^0.480278 = 0.68014.
    const s23 = (18 / 21) * (16 / 17) * (14 / 15) * (11 / 12) * (10 / 11) * (6 / 7) * (5 / 6);
    const v23 = 3 / 378 + 1 / 272 + 1 / 210 + 1 / 132 + 1 / 110 + 1 / 42 + 1 / 30;
    const at23 = logLogBand(s23, v23, Z_95);
    expect(at23?.lower).toBeCloseTo(0.18805, 5);
    expect(at23?.upper).toBeCloseTo(0.68014, 5);
  });

  it('is the point 1 before any reply and undefined (R: NA) once S is 0', () => {
    expect(logLogBand(1, 0, Z_95)).toEqual({ lower: 1, upper: 1 });
    expect(logLogBand(0, Infinity, Z_95)).toBeNull();
  });
});
