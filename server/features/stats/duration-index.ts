import { isReplied } from '#shared/domain/call-status.ts';
import type { ObservationKind } from '#shared/domain/stats/stream.ts';
import { AWAITING, REPLY, WITHDRAWN } from '#shared/domain/stats/stream.ts';
import type { CallStatus } from '#shared/schemas/calls.ts';

/** The fields of a call that statistics read (a calls row, or a stats_changes row). */
export interface StatsRow {
  callee_id: string;
  placed_at: number;
  status: string;
  responded_at: number | null;
  closed_at: number | null;
}

/**
 * Parallel typed arrays kept sorted by `key`, with spare capacity so a few
 * changes are merged in place. 21 bytes per call: a million calls take 21 MB.
 */
class Columns {
  key: Float64Array;
  placed: Float64Array;
  callee: Int32Array;
  kind: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.key = new Float64Array(capacity);
    this.placed = new Float64Array(capacity);
    this.callee = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
  }

  reserve(capacity: number): void {
    if (capacity <= this.key.length) return;
    const size = Math.max(capacity, Math.ceil(this.key.length * 1.5), 16);
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.key = grow(this.key, (n) => new Float64Array(n));
    this.placed = grow(this.placed, (n) => new Float64Array(n));
    this.callee = grow(this.callee, (n) => new Int32Array(n));
    this.kind = grow(this.kind, (n) => new Uint8Array(n));
  }

  /** The first position whose key is ≥ `key`. */
  lowerBound(key: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.key[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops the positions marked in `gone` (ascending), keeping the order. */
  compact(gone: readonly number[]): void {
    if (gone.length === 0) return;
    const marks = [...gone].sort((a, b) => a - b);
    let write = marks[0]!;
    let m = 0;
    for (let read = write; read < this.length; read++) {
      if (m < marks.length && marks[m] === read) {
        m++;
        continue;
      }
      this.key[write] = this.key[read]!;
      this.placed[write] = this.placed[read]!;
      this.callee[write] = this.callee[read]!;
      this.kind[write] = this.kind[read]!;
      write++;
    }
    this.length = write;
  }

  /** Merges entries sorted by key into place, from the back, without a second buffer. */
  mergeSorted(add: Entry[]): void {
    if (add.length === 0) return;
    this.reserve(this.length + add.length);
    let i = this.length - 1;
    let k = this.length + add.length - 1;
    for (let j = add.length - 1; j >= 0; k--) {
      const e = add[j]!;
      if (i >= 0 && this.key[i]! > e.key) {
        this.key[k] = this.key[i]!;
        this.placed[k] = this.placed[i]!;
        this.callee[k] = this.callee[i]!;
        this.kind[k] = this.kind[i]!;
        i--;
      } else {
        this.key[k] = e.key;
        this.placed[k] = e.placed;
        this.callee[k] = e.callee;
        this.kind[k] = e.kind;
        j--;
      }
    }
    this.length += add.length;
  }
}

interface Entry {
  open: boolean;
  key: number;
  placed: number;
  callee: number;
  kind: ObservationKind;
}

function kindOf(status: string): ObservationKind {
  if (isReplied(status as CallStatus)) return REPLY;
  return status === 'withdrawn' ? WITHDRAWN : AWAITING;
}

/**
 * Where a call sorts, and in which column set (see DurationIndex): a fixed
 * duration (respondedAt ?? closedAt) − placedAt, clamped at 0 because placedAt
 * may lie a few minutes in the future (clock skew is accepted on input); or,
 * for a call whose duration still runs, −placedAt.
 */
function sortKey(row: StatsRow): { open: boolean; key: number; placed: number } {
  const placed = Number(row.placed_at);
  const end = row.responded_at ?? row.closed_at;
  return end === null ? { open: true, key: -placed, placed } : { open: false, key: Math.max(0, Number(end) - placed), placed };
}

/**
 * Every call's contribution to the response-time statistics, in two sorted
 * column sets:
 * - `closed`: calls with a reply or a close time, keyed by their fixed
 *   duration (respondedAt ?? closedAt) − placedAt, clamped at 0;
 * - `open`: calls whose duration runs with the clock (neither time set),
 *   keyed by −placedAt, so that ascending key order is ascending duration at
 *   any "now" (see sortKey).
 * Streaming both in key order gives every group's observations sorted by
 * duration, which is all SurvivalStream needs.
 */
export class DurationIndex {
  readonly closed = new Columns(0);
  readonly open = new Columns(0);
  readonly calleeIds: string[] = [];
  private readonly calleeSlots = new Map<string, number>();
  /** Bounds of placedAt over the calls ever indexed (removals do not shrink them). */
  minPlaced = Infinity;
  maxPlaced = -Infinity;

  private entry(row: StatsRow): Entry {
    return { ...sortKey(row), callee: this.calleeSlot(row.callee_id), kind: kindOf(row.status) };
  }

  /** An index of these calls (see IndexBuilder for a stream of them). */
  static build(rows: Iterable<StatsRow>): DurationIndex {
    const builder = new IndexBuilder();
    for (const row of rows) builder.push(row);
    return builder.finish();
  }

  /** Interns a callee id: its slot in `calleeIds`. */
  calleeSlot(id: string): number {
    let slot = this.calleeSlots.get(id);
    if (slot === undefined) {
      slot = this.calleeIds.length;
      this.calleeIds.push(id);
      this.calleeSlots.set(id, slot);
    }
    return slot;
  }

  private extendBounds(entries: readonly Entry[]): void {
    for (const e of entries) {
      if (e.placed < this.minPlaced) this.minPlaced = e.placed;
      if (e.placed > this.maxPlaced) this.maxPlaced = e.placed;
    }
  }

  get size(): number {
    return this.closed.length + this.open.length;
  }

  /** Adds calls (any number, any order). */
  add(rows: readonly StatsRow[]): void {
    this.applyChanges(rows.map((row) => ({ sign: 1, row })));
  }

  /**
   * Applies a batch of changes in log order: -1 removes one entry equal to
   * the row, +1 adds one. Answers false (and changes nothing) when a removal
   * finds no such entry — the index has drifted from the database and must
   * be rebuilt.
   */
  applyChanges(changes: readonly { sign: number; row: StatsRow }[]): boolean {
    const adds = new Map<string, Entry[]>();
    const gone = { closed: [] as number[], open: [] as number[] };
    const taken = { closed: new Set<number>(), open: new Set<number>() };
    const idOf = (e: Entry) => `${e.open ? 1 : 0}|${e.key}|${e.placed}|${e.callee}|${e.kind}`;
    for (const { sign, row } of changes) {
      const e = this.entry(row);
      const id = idOf(e);
      if (sign > 0) {
        const list = adds.get(id);
        if (list) list.push(e);
        else adds.set(id, [e]);
        continue;
      }
      // A removal first cancels an addition from the same batch (a call created and changed since the last refresh).
      const pending = adds.get(id);
      if (pending && pending.length > 0) {
        pending.pop();
        continue;
      }
      const side = e.open ? 'open' : 'closed';
      const columns = this[side];
      let found = -1;
      for (let i = columns.lowerBound(e.key); i < columns.length && columns.key[i] === e.key; i++) {
        if (columns.placed[i] === e.placed && columns.callee[i] === e.callee && columns.kind[i] === e.kind && !taken[side].has(i)) {
          found = i;
          break;
        }
      }
      if (found < 0) return false;
      taken[side].add(found);
      gone[side].push(found);
    }
    const added = [...adds.values()].flat();
    for (const side of ['closed', 'open'] as const) {
      const columns = this[side];
      columns.compact(gone[side]);
      const mine = added.filter((e) => (side === 'open') === e.open).sort((a, b) => a.key - b.key);
      if (mine.length > 1000) columns.reserve(columns.length + mine.length);
      columns.mergeSorted(mine);
    }
    this.extendBounds(added);
    return true;
  }
}

/**
 * Builds an index from a stream of calls (a rebuild reads every call) straight
 * into typed arrays: no object per call survives the row it came in, and the
 * sort is of an index permutation over a Float64Array of keys.
 */
export class IndexBuilder {
  private readonly index = new DurationIndex();
  private readonly staging = { closed: new Columns(1024), open: new Columns(1024) };

  push(row: StatsRow): void {
    const { open, key, placed } = sortKey(row);
    const columns = open ? this.staging.open : this.staging.closed;
    const i = columns.length;
    if (i === columns.key.length) columns.reserve(i * 2);
    columns.key[i] = key;
    columns.placed[i] = placed;
    columns.callee[i] = this.index.calleeSlot(row.callee_id);
    columns.kind[i] = kindOf(row.status);
    columns.length = i + 1;
    if (placed < this.index.minPlaced) this.index.minPlaced = placed;
    if (placed > this.index.maxPlaced) this.index.maxPlaced = placed;
  }

  finish(): DurationIndex {
    for (const side of ['closed', 'open'] as const) {
      const from = this.staging[side];
      const n = from.length;
      const keys = from.key;
      const order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => keys[a]! - keys[b]!);
      const to = this.index[side];
      to.reserve(n);
      for (let i = 0; i < n; i++) {
        const j = order[i]!;
        to.key[i] = keys[j]!;
        to.placed[i] = from.placed[j]!;
        to.callee[i] = from.callee[j]!;
        to.kind[i] = from.kind[j]!;
      }
      to.length = n;
    }
    return this.index;
  }
}
