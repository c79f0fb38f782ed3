import { describe, expect, it } from 'vitest';
import { nearestRankMedian, summarizeRound } from './summary.ts';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('summarizeRound', () => {
  it('sums up the February 2013 round by hand', () => {
    // Kerry's four calls placed 12 Feb 15:00 UTC: Japan answered at 17:00 (2 h), Korea returned at 16:00 (1 h),
    // China returned at 15:00 on the 14th (48 h); Lavrov's still awaits on the 15th at 17:00 (74 h).
    const placed = at('2013-02-12T15:00:00Z');
    const summary = summarizeRound(
      [
        { status: 'answered', count: 1, firstPlacedAt: placed, lastRespondedAt: at('2013-02-12T17:00:00Z') },
        { status: 'returned', count: 2, firstPlacedAt: placed, lastRespondedAt: at('2013-02-14T15:00:00Z') },
        { status: 'awaiting', count: 1, firstPlacedAt: placed, lastRespondedAt: null },
      ],
      [2 * H, 1 * H, 48 * H],
      at('2013-02-15T17:00:00Z'),
    );
    // Sorted replies 1 h, 2 h, 48 h: the nearest-rank median is the ceil(3/2) = 2nd, 2 h.
    expect(summary).toEqual({
      calls: 4,
      replied: 3,
      awaiting: 1,
      withdrawn: 0,
      medianResponseMs: 2 * H,
      longestWaitMs: 74 * H,
      lastReplyAt: '2013-02-14T15:00:00.000Z',
    });
  });

  it('takes the longest of several waits, counts withdrawn and declined apart, and has no median without replies', () => {
    const summary = summarizeRound(
      [
        { status: 'awaiting', count: 3, firstPlacedAt: at('2013-02-10T00:00:00Z'), lastRespondedAt: null },
        { status: 'withdrawn', count: 2, firstPlacedAt: at('2013-02-01T00:00:00Z'), lastRespondedAt: null },
      ],
      [],
      at('2013-02-11T06:00:00Z'),
    );
    expect(summary).toEqual({ calls: 5, replied: 0, awaiting: 3, withdrawn: 2, medianResponseMs: null, longestWaitMs: 30 * H, lastReplyAt: null });
    const declined = summarizeRound([{ status: 'declined', count: 1, firstPlacedAt: 0, lastRespondedAt: 5 * H }], [5 * H], 10 * H);
    expect(declined).toMatchObject({ replied: 1, medianResponseMs: 5 * H, longestWaitMs: null, lastReplyAt: new Date(5 * H).toISOString() });
  });

  it('is all zeros and nulls for a round without calls', () => {
    expect(summarizeRound([], [], 123)).toEqual({ calls: 0, replied: 0, awaiting: 0, withdrawn: 0, medianResponseMs: null, longestWaitMs: null, lastReplyAt: null });
  });
});

describe('nearestRankMedian', () => {
  it('answers the ceil(n/2)-th shortest, a duration some call really had', () => {
    expect(nearestRankMedian([])).toBeNull();
    expect(nearestRankMedian([7])).toBe(7);
    // Two replies: the 1st of 10 and 30 (no interpolated 20).
    expect(nearestRankMedian([30, 10])).toBe(10);
    expect(nearestRankMedian([5, 1, 4, 2, 3])).toBe(3);
    expect(nearestRankMedian([6, 1, 5, 2, 4, 3])).toBe(3);
  });
});
