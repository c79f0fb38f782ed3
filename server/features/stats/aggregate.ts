import type { ObservationKind, StreamOptions } from '#shared/domain/stats/stream.ts';
import { REPLY, SurvivalStream } from '#shared/domain/stats/stream.ts';
import type { DurationIndex } from './duration-index.ts';

export interface AggregateInput {
  index: Pick<DurationIndex, 'closed' | 'open'>;
  /**
   * The running calls' durations, ascending, position by position with
   * `index.open` (the working-time clock computes them per request); without
   * it they are now − placedAt, ascending as the open columns are sorted.
   */
  openDurations?: Float64Array;
  nowMs: number;
  /** placedAt in [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /** For each callee slot of the index, its group (0 … groups − 1), or −1 to leave the call out. */
  groupOfCallee: Int32Array;
  groups: number;
  /** Optional split of each group by period of placedAt: slot = group × periods + period. */
  periods?: { count: number; of(placedMs: number): number };
  options?: Pick<StreamOptions, 'interval' | 'curve'>;
}

interface Counting {
  groupOfCallee: Int32Array;
  windowed: boolean;
  fromMs: number;
  toMs: number;
  periods: AggregateInput['periods'];
  periodCount: number;
  total: Int32Array;
  responded: Int32Array;
}

/**
 * Pass 1 over one side of the index: each entry's slot (−1: left out), with
 * the counts every stream needs up front added to `total` and `responded`.
 */
function slotsOf(columns: AggregateInput['index']['closed'], counting: Counting): Int32Array {
  const { groupOfCallee, windowed, fromMs, toMs, periods, periodCount, total, responded } = counting;
  const n = columns.length;
  const placed = columns.placed;
  const callee = columns.callee;
  const kind = columns.kind;
  const slot = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s = groupOfCallee[callee[i]!] ?? -1;
    if (s >= 0 && windowed) {
      const p = placed[i]!;
      if (p < fromMs || p >= toMs) s = -1;
    }
    if (s >= 0 && periods) {
      const period = periods.of(placed[i]!);
      s = period < 0 ? -1 : s * periodCount + period;
    }
    slot[i] = s;
    if (s < 0) continue;
    total[s]! += 1;
    if (kind[i] === REPLY) responded[s]! += 1;
  }
  return slot;
}

/**
 * One stream per (group, period) slot with at least one call, fed in duration
 * order: two linear passes over the index (count, then stream), no sorting
 * and no per-call objects, so a million calls take milliseconds.
 */
export function aggregate(input: AggregateInput): (SurvivalStream | null)[] {
  const { index, nowMs, fromMs, toMs, groupOfCallee, groups, periods, options, openDurations } = input;
  const periodCount = periods?.count ?? 1;
  const slots = groups * periodCount;
  const total = new Int32Array(slots);
  const responded = new Int32Array(slots);

  const windowed = fromMs > -Infinity || toMs < Infinity;

  // Pass 1: each entry's slot (kept for pass 2) and the counts every stream
  // needs up front. Plain loops over local typed arrays: this runs a million
  // times per request.
  const { closed, open } = index;
  const counting = { groupOfCallee, windowed, fromMs, toMs, periods, periodCount, total, responded };
  const closedSlot = slotsOf(closed, counting);
  const openSlot = slotsOf(open, counting);

  const streams: (SurvivalStream | null)[] = new Array(slots).fill(null);
  for (let s = 0; s < slots; s++) {
    if (total[s]! > 0) streams[s] = new SurvivalStream({ total: total[s]!, responded: responded[s]!, ...options });
  }

  // Pass 2: the fixed durations in order, each running one (now − placedAt,
  // ascending as placedAt descends) slotted in before the first longer fixed
  // one. Equal durations may come in either order: the stream counts replies
  // before censorings at the same time.
  const closedKey = closed.key;
  const closedKind = closed.kind;
  const closedCount = closed.length;
  const openCount = open.length;
  let c = 0;
  for (let o = 0; ; o++) {
    const openDuration = o >= openCount ? Infinity : openDurations ? openDurations[o]! : Math.max(0, nowMs - open.placed[o]!);
    while (c < closedCount && closedKey[c]! < openDuration) {
      const slot = closedSlot[c]!;
      if (slot >= 0) streams[slot]!.add(closedKey[c]!, closedKind[c] as ObservationKind);
      c++;
    }
    if (o >= openCount) break;
    const slot = openSlot[o]!;
    if (slot >= 0) streams[slot]!.add(openDuration, open.kind[o] as ObservationKind);
  }
  return streams;
}
