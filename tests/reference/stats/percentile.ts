/**
 * Reference: nearest-rank percentiles over a list of values, the definition
 * SPEC.md asks for ("median and p90 of
 * replies; nearest-rank"). Nearest rank always answers with a value that was
 * actually observed — an analyst can point at the call — instead of an
 * interpolated duration nobody experienced.
 *
 *   rank = ceil(p / 100 × n)   (1-based, p in (0, 100])
 *
 * so with 10 values p50 is the 5th smallest and p90 the 9th.
 */

/** One distinct value and how many times it occurs (e.g. a SQL `GROUP BY` row). */
export interface ValueCount {
  value: number;
  count: number;
}

/**
 * The 1-based nearest rank for `n` values. `p × n / 100` is computed in that
 * order (exact for integer p and n) and nudged down by a relative 1e-12
 * before `ceil`, so float noise such as 64.4 × 250 / 100 = 161.00000000000003
 * cannot push the rank one place too far.
 */
function nearestRankIndex(n: number, p: number): number {
  if (!Number.isFinite(p) || p <= 0 || p > 100) {
    throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  }
  const exact = (p * n) / 100;
  return Math.min(n, Math.max(1, Math.ceil(exact - exact * 1e-12)));
}

/**
 * Nearest-rank percentile of `values` (any order; the input is not mutated).
 * Null for an empty list, because "no replies" has no median rather than 0.
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) {
    nearestRankIndex(1, p); // still reject a bad p, so mistakes do not hide behind empty groups
    return null;
  }
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`percentile input must be finite numbers, got ${v}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[nearestRankIndex(sorted.length, p) - 1] ?? null;
}

/**
 * The same percentile over `{ value, count }` rows (a duration and how many
 * replies had it). Rows may come in any order and repeat a value; zero
 * counts are ignored.
 */
export function nearestRankOfCounts(rows: readonly ValueCount[], p: number): number | null {
  let n = 0;
  for (const row of rows) {
    if (!Number.isFinite(row.value)) throw new RangeError(`value must be finite, got ${row.value}`);
    if (!Number.isInteger(row.count) || row.count < 0) throw new RangeError(`count must be a non-negative integer, got ${row.count}`);
    n += row.count;
  }
  const rank = nearestRankIndex(Math.max(n, 1), p);
  if (n === 0) return null;
  const sorted = [...rows].sort((a, b) => a.value - b.value);
  let seen = 0;
  for (const row of sorted) {
    seen += row.count;
    if (seen >= rank) return row.value;
  }
  return null; // unreachable: the counts add up to n >= rank
}
