import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../lib/context.ts';
import { type DurationIndex, IndexBuilder, type StatsRow } from './duration-index.ts';

/**
 * Keeps one DurationIndex per database exact by replaying the trigger-written
 * stats_changes log (migration 0002) before every read:
 * - first use, or too many changes at once (a bulk seed): rebuild from `calls`;
 * - otherwise: apply the few rows written since the last refresh.
 *
 * Which rows are new: on SQLite there is one writer at a time and `seq`
 * follows commit order, so "seq > last seen" is exact. On PostgreSQL
 * sequence values are taken before commit, in no useful order, so each row
 * carries its transaction id: every transaction below the snapshot's xmin has
 * ended, and those at or above it that were already applied are remembered by
 * id until xmin passes them.
 */

/** Past this many changes, rereading the calls table is cheaper than replaying the log. */
const MAX_REPLAY = 50_000;
/** The log is trimmed to its newest KEEP rows once it holds PRUNE_AT. */
const PRUNE_AT = 100_000;
const KEEP = 20_000;
/** Calls read per query of a rebuild; the event loop is handed back between pages. */
const BUILD_PAGE = 5_000;

type Cursor = { dialect: 'sqlite'; lastSeq: number } | { dialect: 'postgres'; doneBelow: number; applied: Set<number> };

interface State {
  index: DurationIndex | null;
  cursor: Cursor | null;
  running: Promise<void> | null;
  next: Promise<void> | null;
}

const states = new WeakMap<Kysely<Database>, State>();

/**
 * The index as of now: includes every change committed before this call
 * began. Concurrent callers share refreshes; one arriving while a refresh
 * runs waits for the next, which is sure to see its own earlier writes.
 */
export async function currentIndex(deps: Deps): Promise<DurationIndex> {
  let state = states.get(deps.db);
  if (!state) {
    state = { index: null, cursor: null, running: null, next: null };
    states.set(deps.db, state);
  }
  await requestRefresh(deps, state);
  return state.index!;
}

/**
 * Builds the index ahead of the first statistics request (a million calls
 * take seconds to read); for server start-up, after listening. Failures are
 * left to that first request to report.
 */
export function warmStatsIndex(deps: Deps): Promise<void> {
  return currentIndex(deps).then(
    () => undefined,
    () => undefined,
  );
}

function requestRefresh(deps: Deps, state: State): Promise<void> {
  if (!state.running) {
    state.running = refresh(deps, state).finally(() => {
      state.running = null;
    });
    return state.running;
  }
  state.next ??= state.running
    .catch(() => undefined)
    .then(() => {
      state.next = null;
      return requestRefresh(deps, state);
    });
  return state.next;
}

const STATS_FIELDS = ['callee_id', 'placed_at', 'status', 'responded_at', 'closed_at'] as const;

/**
 * Every call into a fresh index, in pages, without holding a million row
 * objects at once; the caller's transaction keeps the pages one snapshot.
 */
async function buildFromCalls(trx: Transaction<Database>, dialect: Deps['dialect']): Promise<DurationIndex> {
  // Sized from two index counts (an awaiting call is the one kind whose duration runs), so the columns are made once.
  const count = async (awaiting: boolean) => {
    let q = trx.selectFrom('calls').select((eb) => eb.fn.countAll<number | string>().as('n'));
    if (awaiting) q = q.where('status', '=', 'awaiting');
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const open = await count(true);
  const builder = new IndexBuilder(undefined, { open, closed: Math.max(0, (await count(false)) - open) });
  if (dialect === 'sqlite') {
    // Pages by rowid walk the table in storage order (cheaper than a per-row async stream).
    let after = 0;
    for (;;) {
      const { rows } = await sql<StatsRow & { r: number }>`
        select rowid as r, callee_id, placed_at, status, responded_at, closed_at
        from calls where rowid > ${after} order by rowid limit ${BUILD_PAGE}`.execute(trx);
      for (const row of rows) builder.push(row);
      if (rows.length < BUILD_PAGE) return builder.finish();
      after = rows[rows.length - 1]!.r;
      await nextTurn();
    }
  }
  let after: string | null = null;
  for (;;) {
    let q = trx.selectFrom('calls').select(['id', ...STATS_FIELDS]).orderBy('id').limit(BUILD_PAGE);
    if (after !== null) q = q.where('id', '>', after);
    const rows = await q.execute();
    for (const row of rows) builder.push(row);
    if (rows.length < BUILD_PAGE) return builder.finish();
    after = rows[rows.length - 1]!.id;
    await nextTurn();
  }
}

async function refresh(deps: Deps, state: State): Promise<void> {
  let applied = 0;
  if (deps.dialect === 'sqlite') {
    // Read only: it must not wait for the write lock another process may hold.
    await deps.db.transaction().setAccessMode('read only').execute(async (trx) => {
      const { pruned_mark: pruned } = await trx.selectFrom('stats_state').select('pruned_mark').executeTakeFirstOrThrow();
      const cursor = state.cursor?.dialect === 'sqlite' ? state.cursor : null;
      if (state.index && cursor && Number(pruned) <= cursor.lastSeq) {
        const rows = await trx.selectFrom('stats_changes').selectAll().where('seq', '>', cursor.lastSeq).orderBy('seq').limit(MAX_REPLAY + 1).execute();
        if (rows.length <= MAX_REPLAY && state.index.applyChanges(rows.map((row) => ({ sign: row.sign, row })))) {
          cursor.lastSeq = rows.length ? Number(rows[rows.length - 1]!.seq) : cursor.lastSeq;
          applied = rows.length;
          return;
        }
      }
      const { last } = await trx.selectFrom('stats_changes').select((eb) => eb.fn.max('seq').as('last')).executeTakeFirstOrThrow();
      state.index = await buildFromCalls(trx, deps.dialect);
      state.cursor = { dialect: 'sqlite', lastSeq: Number(last ?? 0) };
      applied = MAX_REPLAY;
    });
  } else {
    await deps.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      const snapshot = await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(trx);
      const xmin = Number(snapshot.rows[0]!.xmin);
      const { pruned_mark: pruned } = await trx.selectFrom('stats_state').select('pruned_mark').executeTakeFirstOrThrow();
      const cursor = state.cursor?.dialect === 'postgres' ? state.cursor : null;
      if (state.index && cursor && Number(pruned) < cursor.doneBelow) {
        const rows = await trx.selectFrom('stats_changes').selectAll().where('xid', '>=', cursor.doneBelow).orderBy('seq').limit(MAX_REPLAY + 1).execute();
        const fresh = rows.filter((row) => !cursor.applied.has(Number(row.xid)));
        if (rows.length <= MAX_REPLAY && state.index.applyChanges(fresh.map((row) => ({ sign: row.sign, row })))) {
          for (const row of fresh) cursor.applied.add(Number(row.xid));
          cursor.doneBelow = Math.max(cursor.doneBelow, xmin);
          for (const xid of cursor.applied) if (xid < cursor.doneBelow) cursor.applied.delete(xid);
          applied = fresh.length;
          return;
        }
      }
      // The snapshot's calls already hold every visible change at or above xmin: remember those as applied.
      const seen = await trx.selectFrom('stats_changes').select('xid').distinct().where('xid', '>=', xmin).execute();
      state.index = await buildFromCalls(trx, deps.dialect);
      state.cursor = { dialect: 'postgres', doneBelow: xmin, applied: new Set(seen.map((r) => Number(r.xid))) };
      applied = MAX_REPLAY;
    });
  }
  if (applied > 0) await pruneLog(deps, state);
}

/** Trims the log so it cannot grow without end; instances that fall behind the trim rebuild. */
async function pruneLog(deps: Deps, state: State): Promise<void> {
  const bounds = await deps.db
    .selectFrom('stats_changes')
    .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
    .executeTakeFirstOrThrow();
  if (bounds.first === null || bounds.last === null || Number(bounds.last) - Number(bounds.first) < PRUNE_AT) return;
  const cut = Number(bounds.last) - KEEP;
  const cursor = state.cursor;
  await deps.db.transaction().execute(async (trx) => {
    if (cursor?.dialect === 'sqlite') {
      // Only what this instance has applied; a lagging instance sees pruned_mark and rebuilds.
      const upTo = Math.min(cut, cursor.lastSeq);
      await trx.deleteFrom('stats_changes').where('seq', '<=', upTo).execute();
      await trx.updateTable('stats_state').set((eb) => ({ pruned_mark: sql`max(${eb.ref('pruned_mark')}, ${upTo})` })).execute();
    } else if (cursor?.dialect === 'postgres') {
      const doomed = trx.selectFrom('stats_changes').where('seq', '<=', cut).where('xid', '<', cursor.doneBelow);
      const { top } = await doomed.select((eb) => eb.fn.max('xid').as('top')).executeTakeFirstOrThrow();
      if (top === null) return;
      await trx.deleteFrom('stats_changes').where('seq', '<=', cut).where('xid', '<', cursor.doneBelow).execute();
      await trx.updateTable('stats_state').set((eb) => ({ pruned_mark: sql`greatest(${eb.ref('pruned_mark')}, ${Number(top)})` })).execute();
    }
  });
}
