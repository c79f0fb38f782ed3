import { describe, expect, it } from 'vitest';
import { kaplanMeier, kaplanMeierFromCounts } from './kaplan-meier.ts';
import type { CallForStats } from './summary.ts';
import { HOUR_MS } from '#shared/domain/stats/stream.ts';
import { countGroup, shareRepliedSooner, summarizeCounts, summarizeGroup } from './summary.ts';

const H = HOUR_MS;
const T0 = Date.UTC(2013, 1, 1); // placements are offsets from here
const NOW = T0 + 500 * H;

const replied = (status: 'answered' | 'returned' | 'declined', hours: number): CallForStats => ({
  status, placedAtMs: T0, respondedAtMs: T0 + hours * H, closedAtMs: null,
});
const awaitingFor = (hours: number): CallForStats => ({
  status: 'awaiting', placedAtMs: NOW - hours * H, respondedAtMs: null, closedAtMs: null,
});
const withdrawnAfter = (hours: number): CallForStats => ({
  status: 'withdrawn', placedAtMs: T0, respondedAtMs: null, closedAtMs: T0 + hours * H,
});

/**
 * Seven calls to one ministry (durations in hours, + = censored):
 *   2 (answered), 5 (returned), 5+ (withdrawn), 10+ (awaiting), 30 (declined), 80 (answered), 100+ (awaiting)
 * Worked by hand:
 *   calls 7, responded 4, awaiting 2, withdrawn 1, response rate 4/7.
 *   Replies 2, 5, 30, 80 h: median = rank ceil(0.5·4) = 2 → 5 h; p90 = rank ceil(3.6) = 4 → 80 h.
 *   Kaplan–Meier (replies before censoring at 5 h):
 *     t=2:   n=7, d=1       S = 6/7           V = 1/42
 *     t=5:   n=6, d=1, c=1  S = 6/7·5/6 = 5/7 V = 1/42 + 1/30 = 2/35
 *     t=10:  n=4, c=1
 *     t=30:  n=3, d=1       S = 5/7·2/3 = 10/21 = 0.476 ≤ 0.5 → survival median 30 h
 *     t=80:  n=2, d=1       S = 5/21
 *     t=100: n=1, c=1
 *   P(reply within 24 h) = 1 − S(24) = 1 − 5/7 = 2/7; within 72 h = 1 − 10/21 = 11/21.
 *   Log-log 95% bands: lower at t=2 = (6/7)^exp(1.96·1.00099) = (6/7)^7.1129 = 0.334 ≤ 0.5 → CI lower 2 h;
 *   upper band 0.979, 0.920, 0.808, 0.638 (t = 2, 5, 30, 80) never ≤ 0.5 → CI upper null.
 */
const group: CallForStats[] = [
  replied('answered', 2),
  replied('returned', 5),
  withdrawnAfter(5),
  awaitingFor(10),
  replied('declined', 30),
  replied('answered', 80),
  awaitingFor(100),
];

describe('summarizeGroup', () => {
  it('computes every SPEC figure for a mixed group', () => {
    const s = summarizeGroup(group, NOW);
    expect(s).toMatchObject({
      calls: 7, responded: 4, awaiting: 2, withdrawn: 1,
      medianResponseMs: 5 * H, p90ResponseMs: 80 * H,
      survivalMedianMs: 30 * H,
      survivalMedianCi: { lowerMs: 2 * H, upperMs: null },
      smallSample: false,
    });
    expect(s.responseRate).toBeCloseTo(4 / 7, 12);
    expect(s.replyWithin24hProbability).toBeCloseTo(2 / 7, 12);
    expect(s.replyWithin72hProbability).toBeCloseTo(11 / 21, 12);
    expect(s.survival.map((p) => p.tMs)).toEqual([0, 2 * H, 5 * H, 30 * H, 80 * H]);
    expect(s.survival.map((p) => p.stillAwaiting)).toEqual([1, 6 / 7, 5 / 7, 10 / 21, 5 / 21].map((v) => expect.closeTo(v, 12)));
  });

  it('shows why the survival median differs from the plain median', () => {
    // The plain median (5 h) ignores the three unreplied calls; Kaplan–Meier keeps them at risk.
    const s = summarizeGroup(group, NOW);
    expect(s.survivalMedianMs).toBeGreaterThan(s.medianResponseMs ?? Infinity);
  });

  it('gives the same figures from SQL-shaped counts per duration', () => {
    const fromCounts = summarizeCounts({
      awaiting: 2,
      withdrawn: 1,
      rows: [
        { durationMs: 100 * H, events: 0, censored: 1 },
        { durationMs: 2 * H, events: 1, censored: 0 },
        { durationMs: 5 * H, events: 1, censored: 1 },
        { durationMs: 10 * H, events: 0, censored: 1 },
        { durationMs: 30 * H, events: 1, censored: 0 },
        { durationMs: 80 * H, events: 1, censored: 0 },
      ],
    });
    expect(fromCounts).toEqual(summarizeGroup(group, NOW));
    expect(countGroup(group, NOW).rows).toHaveLength(6);
  });

  it('rejects counts whose censored total does not match awaiting + withdrawn', () => {
    expect(() => summarizeCounts({ awaiting: 1, withdrawn: 0, rows: [{ durationMs: 1, events: 0, censored: 2 }] })).toThrow(RangeError);
    expect(() => summarizeCounts({ awaiting: -1, withdrawn: 1, rows: [] })).toThrow(RangeError);
  });

  it('handles an empty range', () => {
    expect(summarizeGroup([], NOW)).toEqual({
      calls: 0, responded: 0, awaiting: 0, withdrawn: 0, responseRate: null,
      medianResponseMs: null, p90ResponseMs: null, survivalMedianMs: null,
      survivalMedianCi: { lowerMs: null, upperMs: null },
      replyWithin24hProbability: null, replyWithin72hProbability: null,
      smallSample: true, survival: [{ tMs: 0, stillAwaiting: 1 }],
    });
  });

  it('handles a single replied call', () => {
    const s = summarizeGroup([replied('returned', 3)], NOW);
    expect(s).toMatchObject({
      calls: 1, responded: 1, responseRate: 1, medianResponseMs: 3 * H, p90ResponseMs: 3 * H,
      survivalMedianMs: 3 * H, survivalMedianCi: { lowerMs: null, upperMs: null },
      // S drops to 0 at 3 h, so it is known to be 0 at 24 h and 72 h.
      replyWithin24hProbability: 1, replyWithin72hProbability: 1, smallSample: true,
    });
  });

  it('handles a single awaiting call', () => {
    const s = summarizeGroup([awaitingFor(5)], NOW);
    expect(s).toMatchObject({
      calls: 1, responded: 0, awaiting: 1, responseRate: 0, medianResponseMs: null, p90ResponseMs: null,
      survivalMedianMs: null,
      // Watched for 5 h only: nothing is known about 24 h.
      replyWithin24hProbability: null, replyWithin72hProbability: null,
      survival: [{ tMs: 0, stillAwaiting: 1 }],
    });
  });

  it('gives no survival median when every call is censored', () => {
    const s = summarizeGroup([awaitingFor(30), withdrawnAfter(40), awaitingFor(50)], NOW);
    expect(s.survivalMedianMs).toBeNull();
    expect(s.replyWithin24hProbability).toBe(0);
    expect(s.responseRate).toBe(0);
  });

  it('counts an awaiting call placed slightly in the future (clock skew) as waiting 0', () => {
    const future: CallForStats = { status: 'awaiting', placedAtMs: NOW + 60_000, respondedAtMs: null, closedAtMs: null };
    expect(countGroup([future], NOW).rows).toEqual([{ durationMs: 0, events: 0, censored: 1 }]);
  });
});

describe('shareRepliedSooner', () => {
  const km = kaplanMeierFromCounts(countGroup(group, NOW).rows);

  it('is 1 − S(elapsed): the share of calls, not of replies, answered sooner', () => {
    // At 10 h: S = 5/7 → 2/7 of calls had a reply. Of the *replies*, 2 of 4 (50%) came sooner —
    // the flattering figure we deliberately do not report.
    expect(shareRepliedSooner(km, 10 * H)).toEqual({ share: expect.closeTo(2 / 7, 12), isLowerBound: false });
    // At 80 h (the last reply, counted as sooner): S = 5/21 → 16/21.
    expect(shareRepliedSooner(km, 80 * H)).toEqual({ share: expect.closeTo(16 / 21, 12), isLowerBound: false });
  });

  it('is a lower bound past the last reply: the open 100 h call itself, and beyond the longest observation', () => {
    expect(shareRepliedSooner(km, 81 * H)).toEqual({ share: expect.closeTo(16 / 21, 12), isLowerBound: true });
    expect(shareRepliedSooner(km, 100 * H)).toEqual({ share: expect.closeTo(16 / 21, 12), isLowerBound: true });
    expect(shareRepliedSooner(km, 150 * H)).toEqual({ share: expect.closeTo(16 / 21, 12), isLowerBound: true });
  });

  it('is 0 before any reply and null without data', () => {
    expect(shareRepliedSooner(km, H)).toEqual({ share: 0, isLowerBound: false });
    expect(shareRepliedSooner(kaplanMeier([]), H)).toBeNull();
  });
});
