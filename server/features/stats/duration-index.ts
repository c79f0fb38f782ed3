import { isReplied } from '#shared/domain/call-status.ts';
import type { ObservationKind } from '#shared/domain/stats/stream.ts';
import { AWAITING, REPLY, WITHDRAWN } from '#shared/domain/stats/stream.ts';
import type { CallStatus } from '#shared/schemas/calls.ts';
import { Columns, type Entry } from './columns.ts';
import { keyOrder } from './key-order.ts';

/** The fields of a call that statistics read (a calls row, or a stats_changes row). */
export interface StatsRow {
  callee_id: string;
  placed_at: number;
  status: string;
  responded_at: number | null;
  closed_at: number | null;
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
 * The key of a call with a fixed end: by default its wall-clock duration;
 * the working-time index (working-index.ts) keys by the callee's working time.
 */
export type ClosedKey = (calleeSlot: number, placed: number, end: number) => number;

/** More unread journal entries than this and the journal is dropped (see DurationIndex.journal). */
const JOURNAL_LIMIT = 50_000;

const wallKey: ClosedKey = (_slot, placed, end) => Math.max(0, end - placed);

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
  /** While set, every batch applyChanges accepts is appended here (for an index derived from this one). */
  journal: { sign: number; row: StatsRow }[] | null = null;
  readonly closed = new Columns(0);
  readonly open = new Columns(0);
  readonly calleeIds: string[] = [];
  private readonly calleeSlots = new Map<string, number>();
  /** Bounds of placedAt over the calls ever indexed (removals do not shrink them). */
  minPlaced = Infinity;
  maxPlaced = -Infinity;

  constructor(readonly closedKey: ClosedKey = wallKey) {}

  private entry(row: StatsRow): Entry {
    const { open, key, placed } = sortKey(row);
    const callee = this.calleeSlot(row.callee_id);
    return { open, key: open ? key : this.closedKey(callee, placed, Number(row.responded_at ?? row.closed_at)), placed, callee, kind: kindOf(row.status) };
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
    if (this.journal) {
      // Nobody read the journal for a long while: the derived index will rebuild instead.
      if (this.journal.length + changes.length > JOURNAL_LIMIT) this.journal = null;
      else for (const change of changes) this.journal.push(change);
    }
    return true;
  }
}

/** How many calls of each kind a build expects: its staging columns are made that size (more still fit). */
export interface ExpectedCalls {
  /** Calls with a fixed end (respondedAt or closedAt). */
  closed: number;
  /** Calls whose duration still runs. */
  open: number;
}

/**
 * Builds an index from a stream of calls (a rebuild reads every call) straight
 * into typed arrays: no object per call survives the row it came in, and the
 * sort is of an index permutation over a Float64Array of keys, applied in
 * place. Told how many calls to expect, a build holds 25 bytes per call at
 * its peak (the columns and the permutation), and the index keeps exactly
 * its 21; the columns otherwise grow by half as they fill.
 */
export class IndexBuilder {
  private readonly staging: { closed: Columns; open: Columns };

  constructor(
    private readonly index = new DurationIndex(),
    expected: ExpectedCalls = { closed: 1024, open: 1024 },
  ) {
    this.staging = { closed: new Columns(expected.closed), open: new Columns(expected.open) };
  }

  push(row: StatsRow): void {
    const end = row.responded_at ?? row.closed_at;
    this.pushCall(this.index.calleeSlot(row.callee_id), Number(row.placed_at), end === null ? null : Number(end), kindOf(row.status));
  }

  /** One call by its parts: the index's callee slot, placedAt, its end (null while it runs), its kind. */
  pushCall(callee: number, placed: number, end: number | null, kind: ObservationKind): void {
    const columns = end === null ? this.staging.open : this.staging.closed;
    const i = columns.length;
    if (i === columns.key.length) columns.reserve(i + 1);
    columns.key[i] = end === null ? -placed : this.index.closedKey(callee, placed, end);
    columns.placed[i] = placed;
    columns.callee[i] = callee;
    columns.kind[i] = kind;
    columns.length = i + 1;
    if (placed < this.index.minPlaced) this.index.minPlaced = placed;
    if (placed > this.index.maxPlaced) this.index.maxPlaced = placed;
  }

  /** The index, its columns the staging columns sorted by key (the builder is spent). */
  finish(): DurationIndex {
    for (const side of ['closed', 'open'] as const) {
      const c = this.staging[side];
      sortInPlace(c);
      const to = this.index[side];
      to.key = c.key;
      to.placed = c.placed;
      to.callee = c.callee;
      to.kind = c.kind;
      to.length = c.length;
    }
    return this.index;
  }
}

/** Sorts the columns by key (ties keep their order), moving each entry once along the permutation's cycles. */
function sortInPlace(c: Columns): void {
  const n = c.length;
  const { key, placed, callee, kind } = c;
  const order = keyOrder(key, n);
  // Position i takes the entry at order[i]; order[i] = i marks it done.
  for (let start = 0; start < n; start++) {
    if (order[start] === start) continue;
    const k = key[start]!;
    const p = placed[start]!;
    const e = callee[start]!;
    const d = kind[start]!;
    let at = start;
    for (;;) {
      const from = order[at]!;
      order[at] = at;
      if (from === start) {
        key[at] = k;
        placed[at] = p;
        callee[at] = e;
        kind[at] = d;
        break;
      }
      key[at] = key[from]!;
      placed[at] = placed[from]!;
      callee[at] = callee[from]!;
      kind[at] = kind[from]!;
      at = from;
    }
  }
}
