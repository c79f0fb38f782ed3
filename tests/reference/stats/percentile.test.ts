import { describe, expect, it } from 'vitest';
import { nearestRank, nearestRankOfCounts } from './percentile.ts';

const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe('nearestRank', () => {
  it('takes the ceil(p/100 × n)-th smallest value', () => {
    // n = 10: p50 → rank 5, p90 → rank 9, p100 → rank 10, p10 → rank 1, p1 → ceil(0.1) = 1
    expect(nearestRank(oneToTen, 50)).toBe(5);
    expect(nearestRank(oneToTen, 90)).toBe(9);
    expect(nearestRank(oneToTen, 100)).toBe(10);
    expect(nearestRank(oneToTen, 10)).toBe(1);
    expect(nearestRank(oneToTen, 1)).toBe(1);
    // p91 → ceil(9.1) = 10
    expect(nearestRank(oneToTen, 91)).toBe(10);
  });

  it('sorts unsorted input without mutating it', () => {
    const input = [3, 1, 2];
    // n = 3: p50 → ceil(1.5) = 2nd smallest = 2; p90 → ceil(2.7) = 3rd = 3
    expect(nearestRank(input, 50)).toBe(2);
    expect(nearestRank(input, 90)).toBe(3);
    expect(input).toEqual([3, 1, 2]);
  });

  it('sorts numerically, not as strings', () => {
    // As strings 100 < 20 < 3; numerically the median of [3, 20, 100] is 20.
    expect(nearestRank([100, 3, 20], 50)).toBe(20);
  });

  it('answers the only value for a single element, and null for none', () => {
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });

  it('keeps an even count on the lower middle value (no averaging)', () => {
    // n = 4: p50 → rank 2 → 20 (an interpolating median would say 25)
    expect(nearestRank([40, 10, 30, 20], 50)).toBe(20);
  });

  it('is not pushed one rank too far by float noise', () => {
    // 64.4 × 250 / 100 is 161 exactly, but evaluates to 161.00000000000003;
    // a bare ceil would give rank 162.
    const values = Array.from({ length: 250 }, (_, i) => i + 1);
    expect(nearestRank(values, 64.4)).toBe(161);
  });

  it('rejects p outside (0, 100] and non-finite values', () => {
    expect(() => nearestRank(oneToTen, 0)).toThrow(RangeError);
    expect(() => nearestRank(oneToTen, 100.5)).toThrow(RangeError);
    expect(() => nearestRank(oneToTen, Number.NaN)).toThrow(RangeError);
    expect(() => nearestRank([], 0)).toThrow(RangeError);
    expect(() => nearestRank([1, Number.NaN], 50)).toThrow(RangeError);
  });
});

describe('nearestRankOfCounts', () => {
  // Expanded: 5, 10, 10, 10, 20, 20, 20, 20, 20, 20 (n = 10)
  const rows = [
    { value: 20, count: 6 },
    { value: 5, count: 1 },
    { value: 10, count: 3 },
  ];

  it('walks the cumulative counts to the nearest rank', () => {
    expect(nearestRankOfCounts(rows, 10)).toBe(5); // rank 1
    expect(nearestRankOfCounts(rows, 30)).toBe(10); // rank 3
    expect(nearestRankOfCounts(rows, 40)).toBe(10); // rank 4, the last 10
    expect(nearestRankOfCounts(rows, 50)).toBe(20); // rank 5, the first 20
    expect(nearestRankOfCounts(rows, 90)).toBe(20); // rank 9
  });

  it('accepts repeated values and ignores zero counts', () => {
    const split = [
      { value: 10, count: 1 },
      { value: 99, count: 0 },
      { value: 10, count: 2 },
      { value: 5, count: 1 },
      { value: 20, count: 6 },
    ];
    expect(nearestRankOfCounts(split, 40)).toBe(10);
    expect(nearestRankOfCounts(split, 100)).toBe(20);
  });

  it('is null with no counted values', () => {
    expect(nearestRankOfCounts([], 50)).toBeNull();
    expect(nearestRankOfCounts([{ value: 3, count: 0 }], 50)).toBeNull();
  });

  it('rejects bad counts and bad p', () => {
    expect(() => nearestRankOfCounts([{ value: 1, count: -1 }], 50)).toThrow(RangeError);
    expect(() => nearestRankOfCounts([{ value: 1, count: 1.5 }], 50)).toThrow(RangeError);
    expect(() => nearestRankOfCounts(rows, 0)).toThrow(RangeError);
  });
});
