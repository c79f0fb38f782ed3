import type { Kysely, Transaction } from 'kysely';
import { responseMs } from '#shared/domain/call-status.ts';
import type { CallStatus, Channel } from '#shared/schemas/calls.ts';
import type { ExportQuery, TransferRow } from '#shared/schemas/transfer.ts';
import type { CallsTable, Database, MinistriesTable, OfficialsTable } from '../../db/schema.ts';
import { callFilters } from '../calls/repository.ts';
import { toIso, toIsoOrNull } from '../../lib/time.ts';

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
 * One page of the export, oldest first (placedAt, then id). Keyset paging
 * keeps each query cheap however far into a million calls it is, and the
 * export never holds more than a page in memory.
 */
export async function exportPage(db: Db, query: ExportQuery, after: ExportKey | null, limit: number) {
  let q = db
    .selectFrom('calls')
    .innerJoin('officials as caller', 'caller.id', 'calls.caller_id')
    .innerJoin('ministries as caller_ministry', 'caller_ministry.id', 'caller.ministry_id')
    .innerJoin('officials as callee', 'callee.id', 'calls.callee_id')
    .innerJoin('ministries as callee_ministry', 'callee_ministry.id', 'callee.ministry_id')
    .select([
      'calls.id',
      'calls.placed_at',
      'calls.channel',
      'calls.topic',
      'calls.notes',
      'calls.source',
      'calls.status',
      'calls.responded_at',
      'calls.closed_at',
      'caller.name as caller_name',
      'caller.title as caller_title',
      'caller.time_zone as caller_time_zone',
      'caller_ministry.name as caller_ministry',
      'caller_ministry.short_name as caller_ministry_short_name',
      'caller_ministry.country as caller_country',
      'callee.name as callee_name',
      'callee.title as callee_title',
      'callee.time_zone as callee_time_zone',
      'callee_ministry.name as callee_ministry',
      'callee_ministry.short_name as callee_ministry_short_name',
      'callee_ministry.country as callee_country',
    ])
    .orderBy('calls.placed_at', 'asc')
    .orderBy('calls.id', 'asc')
    .limit(limit);
  q = q.where(callFilters(query));
  if (after) {
    const [placedAt, id] = after;
    // A row-value comparison, which both databases answer by seeking the (placed_at, id)
    // index; the equivalent OR form makes SQLite scan the index from its start on every page.
    q = q.where((eb) => eb(eb.refTuple('calls.placed_at', 'calls.id'), '>', eb.tuple(placedAt, id)));
  }
  const rows = await q.execute();
  const last = rows[rows.length - 1];
  return { rows: rows.map(toTransferRow), last: last ? ([last.placed_at, last.id] as const) : null };
}

/** The one place a stored call becomes a row of the transfer format. */
function toTransferRow(row: {
  id: string;
  placed_at: number;
  channel: string;
  topic: string;
  notes: string | null;
  source: string | null;
  status: string;
  responded_at: number | null;
  closed_at: number | null;
  caller_name: string;
  caller_title: string;
  caller_time_zone: string;
  caller_ministry: string;
  caller_ministry_short_name: string;
  caller_country: string;
  callee_name: string;
  callee_title: string;
  callee_time_zone: string;
  callee_ministry: string;
  callee_ministry_short_name: string;
  callee_country: string;
}): TransferRow {
  const status = row.status as CallStatus;
  return {
    id: row.id,
    placedAt: toIso(row.placed_at),
    channel: row.channel as Channel,
    topic: row.topic,
    notes: row.notes,
    source: row.source,
    status,
    respondedAt: toIsoOrNull(row.responded_at),
    closedAt: toIsoOrNull(row.closed_at),
    responseMs: responseMs({ status, placedAt: row.placed_at, respondedAt: row.responded_at, closedAt: row.closed_at }),
    callerName: row.caller_name,
    callerTitle: row.caller_title,
    callerTimeZone: row.caller_time_zone,
    callerMinistry: row.caller_ministry,
    callerMinistryShortName: row.caller_ministry_short_name,
    callerCountry: row.caller_country,
    calleeName: row.callee_name,
    calleeTitle: row.callee_title,
    calleeTimeZone: row.callee_time_zone,
    calleeMinistry: row.callee_ministry,
    calleeMinistryShortName: row.callee_ministry_short_name,
    calleeCountry: row.callee_country,
  };
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
