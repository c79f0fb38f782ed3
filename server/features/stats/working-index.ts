import type { Kysely } from 'kysely';
import { AWAITING, type ObservationKind } from '#shared/domain/stats/stream.ts';
import type { WorkingClock } from '#shared/domain/availability/working-time.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../lib/context.ts';
import { loadCalendars } from '../availability/service.ts';
import { Columns } from './columns.ts';
import { keyOrder } from './key-order.ts';
import { DurationIndex, IndexBuilder, type StatsRow } from './duration-index.ts';
import { currentIndex } from './index-sync.ts';

/** Past this many changes waiting, rebuilding from the wall-clock index is cheaper than replaying them. */
const MAX_PENDING = 50_000; // the wall index drops its journal past the same size

/**
 * The duration index in the callees' working time (decision record 0008):
 * the same columns as the wall-clock index, each fixed duration replaced by
 * its working time. It is derived from the wall-clock index, never from the
 * table: a call's end is placedAt + its wall duration.
 *
 * It stays exact in two ways:
 * - call writes: the wall-clock index journals each batch of the trigger log
 *   it applies; this index applies the same rows, keyed in working time;
 * - calendar changes (hours, holidays, absences, a new time zone): every
 *   request reads the calendars fresh (small tables) and compares each
 *   callee's fingerprint; only the callees whose calendar changed have their
 *   calls taken out and put back with new keys.
 */
class WorkingIndex {
  readonly index: DurationIndex;
  /** The calendar each of this index's callee slots was keyed with. */
  readonly clocks: (WorkingClock | undefined)[] = [];
  readonly fingerprints: string[] = [];

  constructor(readonly wall: DurationIndex) {
    this.index = new DurationIndex((slot, placed, end) => this.clocks[slot]?.workingMs(placed, end) ?? 0);
  }
}

interface State {
  working: WorkingIndex | null;
  running: Promise<unknown>;
}

const states = new WeakMap<Kysely<Database>, State>();

type Calendars = Awaited<ReturnType<typeof loadCalendars>>;

function setCalendar(w: WorkingIndex, slot: number, calendars: Calendars): void {
  const calendar = calendars.get(w.index.calleeIds[slot]!);
  w.clocks[slot] = calendar?.clock;
  // No calendar (the official went since the wall index was read): keyed 0 now, recomputed next time.
  w.fingerprints[slot] = calendar?.fingerprint ?? '';
}

/** Every call of the wall-clock index, keyed in working time. */
function build(wall: DurationIndex, calendars: Calendars): WorkingIndex {
  const w = new WorkingIndex(wall);
  const slotOf = Int32Array.from(wall.calleeIds, (id) => {
    const slot = w.index.calleeSlot(id);
    setCalendar(w, slot, calendars);
    return slot;
  });
  const builder = new IndexBuilder(w.index, { closed: wall.closed.length, open: wall.open.length });
  for (const side of ['closed', 'open'] as const) {
    const c = wall[side];
    for (let i = 0; i < c.length; i++) {
      const placed = c.placed[i]!;
      builder.pushCall(slotOf[c.callee[i]!]!, placed, side === 'open' ? null : placed + c.key[i]!, c.kind[i] as ObservationKind);
    }
  }
  builder.finish();
  wall.journal = [];
  return w;
}

/** Takes out every entry of these callees and puts their calls back from the wall-clock index, with their new keys. */
function rekey(w: WorkingIndex, slots: Set<number>): void {
  const wallSlots = new Set<number>();
  w.wall.calleeIds.forEach((id, wallSlot) => {
    if (slots.has(w.index.calleeSlot(id))) wallSlots.add(wallSlot);
  });
  for (const side of ['closed', 'open'] as const) {
    const mine = w.index[side];
    const gone: number[] = [];
    for (let i = 0; i < mine.length; i++) if (slots.has(mine.callee[i]!)) gone.push(i);
    mine.compact(gone);
    const c = w.wall[side];
    const add: { key: number; placed: number; callee: number; kind: ObservationKind; open: boolean }[] = [];
    for (let i = 0; i < c.length; i++) {
      if (!wallSlots.has(c.callee[i]!)) continue;
      const placed = c.placed[i]!;
      const callee = w.index.calleeSlot(w.wall.calleeIds[c.callee[i]!]!);
      const key = side === 'open' ? -placed : w.index.closedKey(callee, placed, placed + c.key[i]!);
      add.push({ key, placed, callee, kind: c.kind[i] as ObservationKind, open: side === 'open' });
    }
    add.sort((a, b) => a.key - b.key);
    mine.mergeSorted(add);
  }
}

async function sync(deps: Deps, state: State): Promise<WorkingIndex> {
  const wall = await currentIndex(deps);
  // Read after the wall index: every callee it holds has a calendar here (unless deleted since).
  const calendars = await loadCalendars(deps.db);
  const w = state.working;
  if (!w || w.wall !== wall || !wall.journal || wall.journal.length > MAX_PENDING) {
    state.working = build(wall, calendars);
    return state.working;
  }
  const pending = wall.journal;
  wall.journal = [];
  // Which callees' calendars changed (or are new): their calls are rekeyed from the wall index, so their pending rows are moot.
  const dirty = new Set<number>();
  const slotOf = (id: string) => {
    const slot = w.index.calleeSlot(id);
    if (w.fingerprints[slot] !== calendars.get(id)?.fingerprint || !calendars.has(id)) dirty.add(slot);
    return slot;
  };
  for (const id of wall.calleeIds) slotOf(id);
  const rows: { sign: number; row: StatsRow }[] = pending.filter((change) => !dirty.has(slotOf(change.row.callee_id)));
  if (!w.index.applyChanges(rows)) {
    state.working = build(wall, calendars);
    return state.working;
  }
  if (dirty.size > 0) {
    for (const slot of dirty) setCalendar(w, slot, calendars);
    rekey(w, dirty);
  }
  return w;
}

/**
 * The working-time index as of now, and the running calls' working
 * durations at nowMs with the open columns reordered to match (ascending).
 */
export async function currentWorkingIndex(deps: Deps, nowMs: number): Promise<{ index: DurationIndex; view: Pick<DurationIndex, 'closed' | 'open'>; openDurations: Float64Array }> {
  let state = states.get(deps.db);
  if (!state) {
    state = { working: null, running: Promise.resolve() };
    states.set(deps.db, state);
  }
  // One sync at a time per database: each reads the journal and mutates the index.
  const run = state.running.catch(() => undefined).then(() => sync(deps, state));
  state.running = run;
  const w = await run;
  const open = w.index.open;
  const n = open.length;
  const durations = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const clock = w.clocks[open.callee[i]!];
    durations[i] = clock ? clock.workingMs(open.placed[i]!, nowMs) : 0;
  }
  const order = keyOrder(durations, n);
  const sorted = new Columns(n);
  const openDurations = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    sorted.key[k] = durations[i]!;
    sorted.placed[k] = open.placed[i]!;
    sorted.callee[k] = open.callee[i]!;
    sorted.kind[k] = open.kind[i] ?? AWAITING;
    openDurations[k] = durations[i]!;
  }
  sorted.length = n;
  return { index: w.index, view: { closed: w.index.closed, open: sorted }, openDurations };
}
