/**
 * The pointwise confidence band of a Kaplan–Meier estimate, computed the way
 * R's `survival` package reports it for
 *   survfit(Surv(time, status) ~ 1, conf.type = "log-log")
 * (Greenwood variance, log-log transform). The survival stream reads the
 * median's interval off these bands (Brookmeyer–Crowley style). Analysts quote
 * these numbers next to R output, so the conventions follow R's source rather
 * than a textbook variant.
 */

/** qnorm(0.975): the two-sided 95% normal quantile, to full double precision. */
export const Z_95 = 1.959963984540054;

/**
 * Pointwise log-log band of S(t), as R's survfit computes it:
 *   xx = log(−log S), se_xx = √greenwood / |log S|   (delta method)
 *   lower = exp(−exp(xx + z·se_xx)) = S^exp(+z·se_xx)
 *   upper = exp(−exp(xx − z·se_xx)) = S^exp(−z·se_xx)
 * (R writes it as `exp(-exp(log(-log(S)) ± z*std.err/log(S)))`; log S < 0
 * flips the sign.) The transform keeps the band inside (0, 1), which matters
 * in the small groups a ministry often is.
 *
 * S = 1 (no replies yet): the band is the point 1. S = 0, or an infinite
 * variance: null, where R reports NA — log-log is undefined there, and such a
 * point can then never set a limit of the median interval.
 */
export function logLogBand(survival: number, variance: number, z: number): { lower: number; upper: number } | null {
  if (survival >= 1) return { lower: 1, upper: 1 };
  if (!(survival > 0) || !Number.isFinite(variance)) return null;
  const se = Math.sqrt(variance) / -Math.log(survival);
  return { lower: survival ** Math.exp(z * se), upper: survival ** Math.exp(-z * se) };
}

export interface MedianInterval {
  lowerMs: number | null;
  upperMs: number | null;
}
