import { describe, expect, it } from 'vitest';
import { keyOrder } from './key-order.ts';

const byComparator = (key: Float64Array) => Uint32Array.from({ length: key.length }, (_, i) => i).sort((a, b) => key[a]! - key[b]! || a - b);

describe('keyOrder', () => {
  let state = 11;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  const cases: [string, Float64Array][] = [
    ['empty', new Float64Array(0)],
    ['one', Float64Array.of(5)],
    ['random, many ties', Float64Array.from({ length: 20_000 }, () => next(50))],
    ['random, few ties', Float64Array.from({ length: 20_000 }, () => next(2 ** 30) - 2 ** 29)],
    ['ascending', Float64Array.from({ length: 20_000 }, (_, i) => i)],
    ['descending', Float64Array.from({ length: 20_000 }, (_, i) => -i)],
    ['all equal', new Float64Array(20_000).fill(3)],
    ['organ pipe', Float64Array.from({ length: 20_001 }, (_, i) => Math.min(i, 20_000 - i))],
    ['negative and fractional', Float64Array.from({ length: 5000 }, () => (next(1000) - 500) / 7)],
    ['short runs', Float64Array.from({ length: 17 }, () => next(4))],
  ];
  for (const [name, key] of cases) {
    it(`orders as the comparator sort does: ${name}`, () => {
      expect(keyOrder(key, key.length)).toEqual(byComparator(key));
    });
  }

  it('orders only the first n keys', () => {
    const key = Float64Array.of(3, 1, 2, -100, -200);
    expect([...keyOrder(key, 3)]).toEqual([1, 2, 0]);
  });

  it('stays within its depth on input built against a median of three (heapsort takes over)', () => {
    // Sorted, then each middle swapped with the end: a classic bad case for median-of-three quicksort.
    const n = 50_000;
    const key = Float64Array.from({ length: n }, (_, i) => i);
    for (let size = n; size > 2; size--) {
      const mid = (size - 1) >> 1;
      [key[mid], key[size - 1]] = [key[size - 1]!, key[mid]!];
    }
    expect(keyOrder(key, n)).toEqual(byComparator(key));
  });
});
