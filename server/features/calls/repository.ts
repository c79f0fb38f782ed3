import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from 'kysely';
import type { AwaitingQuery, Call, CallListQuery, CallStatus, Channel } from '#shared/schemas/calls.ts';
import type { Party } from '#shared/schemas/officials.ts';
import { responseMs } from '#shared/domain/call-status.ts';
import type { CallsTable, Database, OfficialsTable } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { containsText } from '../../lib/search.ts';
import { toIso, toIsoOrNull } from '../../lib/time.ts';
import { selectOfficials, toParty } from '../officials/repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The one place a stored call becomes the API's Call. */
export function toCall(row: CallsTable, caller: Party, callee: Party): Call {
  const times = { status: row.status as CallStatus, placedAt: row.placed_at, respondedAt: row.responded_at, closedAt: row.closed_at };
  return {
    id: row.id,
    callerId: row.caller_id,
    calleeId: row.callee_id,
    caller,
    callee,
    placedAt: toIso(row.placed_at),
    channel: row.channel as Channel,
    topic: row.topic,
    notes: row.notes,
    source: row.source,
    status: times.status,
    respondedAt: toIsoOrNull(row.responded_at),
    closedAt: toIsoOrNull(row.closed_at),
    responseMs: responseMs(times),
    version: row.version,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    createdBy: row.created_by,
  };
}

/** Officials (with their ministries) by id, for checking and embedding the parties of a call. */
export async function findParties(db: Db, ids: readonly string[]): Promise<Map<string, Party>> {
  if (ids.length === 0) return new Map();
  const rows = await selectOfficials(db).where('o.id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, toParty(row)]));
}

/** Calls with both parties and their ministries, in one query (no query per row); the export pages through it too. */
export function selectCalls(db: Db) {
  return db
    .selectFrom('calls')
    .innerJoin('officials as caller', 'caller.id', 'calls.caller_id')
    .innerJoin('ministries as caller_ministry', 'caller_ministry.id', 'caller.ministry_id')
    .innerJoin('officials as callee', 'callee.id', 'calls.callee_id')
    .innerJoin('ministries as callee_ministry', 'callee_ministry.id', 'callee.ministry_id')
    .selectAll('calls')
    .select([
      'caller.name as caller_name',
      'caller.title as caller_title',
      'caller.time_zone as caller_time_zone',
      'caller_ministry.id as caller_ministry_id',
      'caller_ministry.name as caller_ministry_name',
      'caller_ministry.short_name as caller_ministry_short_name',
      'caller_ministry.country as caller_ministry_country',
      'callee.name as callee_name',
      'callee.title as callee_title',
      'callee.time_zone as callee_time_zone',
      'callee_ministry.id as callee_ministry_id',
      'callee_ministry.name as callee_ministry_name',
      'callee_ministry.short_name as callee_ministry_short_name',
      'callee_ministry.country as callee_ministry_country',
    ]);
}

type JoinedRow = Awaited<ReturnType<ReturnType<typeof selectCalls>['executeTakeFirstOrThrow']>>;

export function fromJoined(row: JoinedRow): Call {
  const party = (side: 'caller' | 'callee'): Party =>
    toParty({
      id: side === 'caller' ? row.caller_id : row.callee_id,
      name: row[`${side}_name`],
      title: row[`${side}_title`],
      time_zone: row[`${side}_time_zone`],
      ministry_id: row[`${side}_ministry_id`],
      ministry_name: row[`${side}_ministry_name`],
      ministry_short_name: row[`${side}_ministry_short_name`],
      ministry_country: row[`${side}_ministry_country`],
    });
  return toCall(row, party('caller'), party('callee'));
}

/** A stored call: the API object and the row it came from (the service merges patches into the row). */
export async function findCall(db: Db, id: string): Promise<{ call: Call; row: CallsTable } | undefined> {
  const row = await selectCalls(db).where('calls.id', '=', id).executeTakeFirst();
  return row ? { call: fromJoined(row), row } : undefined;
}

export async function callExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('calls').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The filters of `GET /calls` that select calls (not pages): status, callee's ministry, either party, placedAt range, text. */
export type CallFilters = Pick<CallListQuery, 'status' | 'ministryId' | 'officialId' | 'from' | 'to' | 'q'>;

/**
 * The filters as one condition, for any query that joins the callee as
 * `callee` (the list here, and the export, which pages differently).
 */
export function callFilters(filters: CallFilters) {
  return (eb: ExpressionBuilder<Database & { callee: OfficialsTable }, 'calls' | 'callee'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filters.status?.length) conditions.push(eb('calls.status', 'in', filters.status));
    if (filters.ministryId) conditions.push(eb('callee.ministry_id', '=', filters.ministryId));
    if (filters.officialId) conditions.push(eb.or([eb('calls.caller_id', '=', filters.officialId), eb('calls.callee_id', '=', filters.officialId)]));
    if (filters.from) conditions.push(eb('calls.placed_at', '>=', Date.parse(filters.from)));
    if (filters.to) conditions.push(eb('calls.placed_at', '<', Date.parse(filters.to)));
    if (filters.q) conditions.push(containsText(['calls.topic', 'calls.notes'], filters.q));
    return eb.and(conditions);
  };
}

/**
 * Sorted by (placedAt, id) in the asked direction; the cursor is the last
 * item's pair, so pages neither skip nor repeat calls while others write.
 */
export async function listCalls(db: Db, query: CallListQuery) {
  const dir = query.order;
  let q = selectCalls(db).where(callFilters(query)).orderBy('calls.placed_at', dir).orderBy('calls.id', dir).limit(query.limit + 1);
  if (query.cursor) {
    const [placedAt, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    const op = dir === 'asc' ? '>' : '<';
    q = q.where((eb) =>
      eb.or([eb('calls.placed_at', op, placedAt), eb.and([eb('calls.placed_at', '=', placedAt), eb('calls.id', op, id)])]),
    );
  }
  const result = page(await q.execute(), query.limit, (row) => [row.placed_at, row.id]);
  return { items: result.items.map(fromJoined), nextCursor: result.nextCursor };
}

/** Open calls, longest wait first (placedAt ascending, then id). */
export async function listAwaiting(db: Db, query: AwaitingQuery, now: number) {
  let q = selectCalls(db)
    .where('calls.status', '=', 'awaiting')
    .orderBy('calls.placed_at', 'asc')
    .orderBy('calls.id', 'asc')
    .limit(query.limit + 1);
  if (query.ministryId) q = q.where('callee.ministry_id', '=', query.ministryId);
  if (query.cursor) {
    const [placedAt, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('calls.placed_at', '>', placedAt), eb.and([eb('calls.placed_at', '=', placedAt), eb('calls.id', '>', id)])]));
  }
  const result = page(await q.execute(), query.limit, (row) => [row.placed_at, row.id]);
  return {
    items: result.items.map((row) => ({ ...fromJoined(row), waitingMs: Math.max(0, now - row.placed_at) })),
    nextCursor: result.nextCursor,
  };
}

export async function insertCall(db: Db, row: CallsTable): Promise<void> {
  await db.insertInto('calls').values(row).execute();
}

export type CallChanges = Omit<CallsTable, 'id' | 'created_at' | 'created_by'>;

/** Writes only if the call still has the version the change was based on; false when it does not. */
export async function updateCallRow(db: Db, id: string, expectedVersion: number, changes: CallChanges): Promise<boolean> {
  const result = await db.updateTable('calls').set(changes).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteCallRow(db: Db, id: string, expectedVersion: number): Promise<boolean> {
  const result = await db.deleteFrom('calls').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
