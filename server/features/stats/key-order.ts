/**
 * The positions 0…n−1 of `key` in ascending order of key, equal keys by
 * position: what `Uint32Array.prototype.sort((a, b) => key[a] - key[b] || a - b)`
 * answers, without its cost in memory. V8 sorts a typed array with a
 * comparator by copying it into two arrays of tagged values (16 bytes per
 * element: 16 MB for the duration index's million calls, in the heap's
 * large-object space until the next full collection); this sorts the
 * positions in place (introsort: quicksort on a median of three, heapsort
 * past a depth of 2·log2(n), insertion sort below 16), with a stack of a few
 * hundred bytes. No two positions compare equal, so the order is the
 * comparator's exactly (key-order.test.ts).
 */
export function keyOrder(key: Float64Array, n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const less = (a: number, b: number) => key[a]! < key[b]! || (key[a] === key[b] && a < b);
  const swap = (i: number, j: number) => {
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  };

  const insertion = (lo: number, hi: number) => {
    for (let i = lo + 1; i <= hi; i++) {
      const v = order[i]!;
      let j = i - 1;
      while (j >= lo && less(v, order[j]!)) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = v;
    }
  };

  const heapsort = (lo: number, hi: number) => {
    const size = hi - lo + 1;
    const sift = (root: number, end: number) => {
      for (;;) {
        let child = 2 * root + 1;
        if (child >= end) return;
        if (child + 1 < end && less(order[lo + child]!, order[lo + child + 1]!)) child++;
        if (!less(order[lo + root]!, order[lo + child]!)) return;
        swap(lo + root, lo + child);
        root = child;
      }
    };
    for (let i = (size >> 1) - 1; i >= 0; i--) sift(i, size);
    for (let end = size - 1; end > 0; end--) {
      swap(lo, lo + end);
      sift(0, end);
    }
  };

  // Ranges still to sort, with the depth each may still go to before heapsort.
  const stack: number[] = [0, n - 1, 2 * Math.ceil(Math.log2(n + 1))];
  while (stack.length > 0) {
    let depth = stack.pop()!;
    let hi = stack.pop()!;
    let lo = stack.pop()!;
    while (hi - lo >= 16) {
      if (depth === 0) {
        heapsort(lo, hi);
        lo = hi;
        break;
      }
      depth--;
      // Median of three to order[lo]: the pivot.
      const mid = lo + ((hi - lo) >> 1);
      if (less(order[mid]!, order[lo]!)) swap(mid, lo);
      if (less(order[hi]!, order[lo]!)) swap(hi, lo);
      if (less(order[hi]!, order[mid]!)) swap(hi, mid);
      swap(lo, mid);
      const pivot = order[lo]!;
      let i = lo;
      let j = hi + 1;
      for (;;) {
        do i++;
        while (i <= hi && less(order[i]!, pivot));
        do j--;
        while (less(pivot, order[j]!));
        if (i >= j) break;
        swap(i, j);
      }
      swap(lo, j);
      // The smaller side next, the larger one on the stack: the stack stays within log2(n) ranges.
      if (j - lo < hi - j) {
        stack.push(j + 1, hi, depth);
        hi = j - 1;
      } else {
        stack.push(lo, j - 1, depth);
        lo = j + 1;
      }
    }
    if (hi > lo) insertion(lo, hi);
  }
  return order;
}
