import type { Kysely, Transaction } from 'kysely';
import type { ExportQuery, TransferCall } from '#shared/schemas/transfer.ts';
import type { CallsTable, Database, MinistriesTable, OfficialsTable } from '../../db/schema.ts';
import { callFilters } from '../calls/repository.ts';
import { fromJoined, selectCalls } from '../calls/call-records.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits at 15 columns. */
const INSERT_BATCH = 200;
/** Names per `in (…)` list. */
const LOOKUP_BATCH = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Where the export stopped: the last row's (placedAt, id). */
export type ExportKey = readonly [placedAt: number, id: string];

/**
 * One page of the export, oldest first (placedAt, then id), as the API's
 * calls (the calls feature's own mapping, so every field a call gains is
 * there for the export's columns). Keyset paging keeps each query cheap
 * however far into a million calls it is, and the export never holds more
 * than a page in memory.
 */
export async function exportPage(db: Db, query: ExportQuery, after: ExportKey | null, limit: number) {
  let q = withRoundTitle(db).where(callFilters(query)).orderBy('calls.placed_at', 'asc').orderBy('calls.id', 'asc').limit(limit);
  if (after) {
    const [placedAt, id] = after;
    // A row-value comparison, which both databases answer by seeking the (placed_at, id)
    // index; the equivalent OR form makes SQLite scan the index from its start on every page.
    q = q.where((eb) => eb(eb.refTuple('calls.placed_at', 'calls.id'), '>', eb.tuple(placedAt, id)));
  }
  const rows = await q.execute();
  const last = rows[rows.length - 1];
  return { calls: rows.map(transferCall), last: last ? ([last.placed_at, last.id] as const) : null };
}

/** The calls' query with each call's round title (null outside any round). */
function withRoundTitle(db: Db) {
  return selectCalls(db).leftJoin('rounds', 'rounds.id', 'calls.round_id').select('rounds.title as round_title');
}

function transferCall(row: Awaited<ReturnType<ReturnType<typeof withRoundTitle>['executeTakeFirstOrThrow']>>): TransferCall {
  return { ...fromJoined(row), roundTitle: row.round_title ?? null };
}

/** Stored calls with any of these ids. */
export async function callsWithIds(db: Db, ids: readonly string[]): Promise<Map<string, TransferCall>> {
  const found = new Map<string, TransferCall>();
  for (const batch of chunks([...new Set(ids)], LOOKUP_BATCH)) {
    for (const row of await withRoundTitle(db).where('calls.id', 'in', batch).execute()) found.set(row.id, transferCall(row));
  }
  return found;
}

/** What a row without an id is matched on. */
export type DuplicateKey = Pick<CallsTable, 'caller_id' | 'callee_id' | 'placed_at' | 'topic'>;

/** Stored calls placed by these callers at these instants (the caller index answers it), for matching duplicates. */
export async function callsPlacedAt(db: Db, keys: readonly DuplicateKey[]): Promise<DuplicateKey[]> {
  const found: DuplicateKey[] = [];
  const pairs = [...new Map(keys.map((k) => [`${k.caller_id} ${k.placed_at}`, k])).values()];
  for (const batch of chunks(pairs, LOOKUP_BATCH)) {
    const rows = await db
      .selectFrom('calls')
      .select(['caller_id', 'callee_id', 'placed_at', 'topic'])
      .where((eb) => eb(eb.refTuple('caller_id', 'placed_at'), 'in', batch.map((k) => eb.tuple(k.caller_id, k.placed_at))))
      .execute();
    found.push(...rows);
  }
  return found;
}

/** Stored ministries with any of these names (the caller matches the country). */
export async function ministriesNamed(db: Db, names: readonly string[]): Promise<MinistriesTable[]> {
  const found: MinistriesTable[] = [];
  for (const batch of chunks([...new Set(names)], LOOKUP_BATCH)) {
    found.push(...(await db.selectFrom('ministries').selectAll().where('name', 'in', batch).execute()));
  }
  return found;
}

/** Stored officials with any of these names, each with their ministry's name and country. */
export async function officialsNamed(db: Db, names: readonly string[]) {
  const found: (OfficialsTable & { ministry_name: string; ministry_short_name: string; ministry_country: string })[] = [];
  for (const batch of chunks([...new Set(names)], LOOKUP_BATCH)) {
    const rows = await db
      .selectFrom('officials as o')
      .innerJoin('ministries as m', 'm.id', 'o.ministry_id')
      .selectAll('o')
      .select(['m.name as ministry_name', 'm.short_name as ministry_short_name', 'm.country as ministry_country'])
      .where('o.name', 'in', batch)
      .execute();
    found.push(...rows);
  }
  return found;
}

export async function insertMinistries(db: Db, rows: readonly MinistriesTable[]): Promise<void> {
  for (const batch of chunks(rows, INSERT_BATCH)) await db.insertInto('ministries').values(batch).execute();
}

export async function insertOfficials(db: Db, rows: readonly OfficialsTable[]): Promise<void> {
  for (const batch of chunks(rows, INSERT_BATCH)) await db.insertInto('officials').values(batch).execute();
}

export async function insertCalls(db: Db, rows: readonly CallsTable[]): Promise<void> {
  for (const batch of chunks(rows, INSERT_BATCH)) await db.insertInto('calls').values(batch).execute();
}
