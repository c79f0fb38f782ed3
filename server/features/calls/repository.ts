import { randomUUID } from 'node:crypto';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, SqliteAdapter, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { AwaitingQuery, CallCreate, CallListQuery, CallRecord, CallStatus, Channel } from '#shared/schemas/calls.ts';
import type { Party } from '#shared/schemas/officials.ts';
import type { StatusTimes } from '#shared/domain/call-status.ts';
import type { CallsTable, Database } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { containsText, indexedCallText, useTrigramIndex } from '../../lib/search.ts';
import { fromJoined, selectCalls, toCall, withParties } from './call-records.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A create request after validation (defaults applied). */
export type NewCall = z.output<typeof CallCreate>;

/**
 * A call's own fields in the domain's terms (timestamps as epoch ms): what a
 * patch is merged into and what an update writes.
 */
export interface CallFields extends StatusTimes {
  callerId: string;
  calleeId: string;
  channel: Channel;
  topic: string;
  notes: string | null;
  source: string | null;
  promisedBy: number | null;
  acknowledgedAt: number | null;
  roundId: string | null;
}

/** A stored call: its API form, its own fields, and the version a write must match. */
export interface StoredCall {
  call: CallRecord;
  fields: CallFields;
  version: number;
}

function fieldsOf(row: CallsTable): CallFields {
  return {
    callerId: row.caller_id,
    calleeId: row.callee_id,
    placedAt: row.placed_at,
    channel: row.channel as Channel,
    topic: row.topic,
    notes: row.notes,
    source: row.source,
    status: row.status as CallStatus,
    respondedAt: row.responded_at,
    closedAt: row.closed_at,
    promisedBy: row.promised_by ?? null,
    acknowledgedAt: row.acknowledged_at ?? null,
    roundId: row.round_id ?? null,
  };
}

function fieldColumns(fields: CallFields): Omit<CallsTable, 'id' | 'version' | 'created_at' | 'updated_at' | 'created_by'> {
  return {
    caller_id: fields.callerId,
    callee_id: fields.calleeId,
    placed_at: fields.placedAt,
    channel: fields.channel,
    topic: fields.topic,
    notes: fields.notes,
    source: fields.source,
    status: fields.status,
    responded_at: fields.respondedAt,
    closed_at: fields.closedAt,
    promised_by: fields.promisedBy,
    acknowledged_at: fields.acknowledgedAt,
    round_id: fields.roundId,
  };
}

/** Optional text as stored: empty text means "none". */
export function storedText(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

const timeOrNull = (iso: string | undefined) => (iso === undefined ? null : Date.parse(iso));

/** The stored row of a new call, from its checked fields and settled times; the import builds its rows with it too. */
export function newCallRow(
  input: Pick<NewCall, 'channel' | 'topic' | 'notes' | 'source' | 'promisedBy' | 'acknowledgedAt' | 'roundId'>,
  times: StatusTimes,
  parties: { callerId: string; calleeId: string },
  createdBy: string,
  now: number,
): CallsTable {
  const promise = { promisedBy: timeOrNull(input.promisedBy), acknowledgedAt: timeOrNull(input.acknowledgedAt) };
  return {
    id: randomUUID(),
    ...fieldColumns({
      ...times,
      ...parties,
      ...promise,
      channel: input.channel,
      topic: input.topic,
      notes: storedText(input.notes),
      source: storedText(input.source),
      roundId: input.roundId ?? null,
    }),
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: createdBy,
  };
}

export async function findCall(db: Db, id: string): Promise<StoredCall | undefined> {
  const row = await selectCalls(db).where('calls.id', '=', id).executeTakeFirst();
  return row ? { call: fromJoined(row), fields: fieldsOf(row), version: row.version } : undefined;
}

export async function callExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('calls').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The filters of `GET /calls` that select calls (not pages): status, callee's ministry, either party, placedAt range, text. */
export type CallFilters = Pick<CallListQuery, 'status' | 'ministryId' | 'officialId' | 'from' | 'to' | 'q' | 'roundId'>;

/** Calls whose callee is of the ministry: a condition on calls alone, so a list needs no join for it. */
function calleeOfMinistry(eb: ExpressionBuilder<Database, 'calls'>, ministryId: string) {
  return eb('calls.callee_id', 'in', eb.selectFrom('officials').select('officials.id').where('officials.ministry_id', '=', ministryId));
}

/** The filters as one condition on `calls` (the list here, and the export, which pages differently). */
export function callFilters(filters: CallFilters, options: { textIndex?: boolean } = {}) {
  return (eb: ExpressionBuilder<Database, 'calls'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filters.status?.length) conditions.push(eb('calls.status', 'in', filters.status));
    if (filters.ministryId) conditions.push(calleeOfMinistry(eb, filters.ministryId));
    if (filters.officialId) conditions.push(eb.or([eb('calls.caller_id', '=', filters.officialId), eb('calls.callee_id', '=', filters.officialId)]));
    if (filters.from) conditions.push(eb('calls.placed_at', '>=', Date.parse(filters.from)));
    if (filters.to) conditions.push(eb('calls.placed_at', '<', Date.parse(filters.to)));
    if (filters.q && options.textIndex) conditions.push(indexedCallText(filters.q));
    if (filters.q) conditions.push(containsText(['calls.topic', 'calls.notes'], filters.q));
    if (filters.roundId) conditions.push(eb('calls.round_id', '=', filters.roundId));
    return eb.and(conditions);
  };
}

/**
 * Sorted by (placedAt, id) in the asked direction; the cursor is the last
 * item's pair, so pages neither skip nor repeat calls while others write.
 */
export async function listCalls(db: Db, query: CallListQuery) {
  const dir = query.order;
  // SQLite's trigram index narrows a text search (PostgreSQL's serves the LIKE itself).
  const textIndex = db.getExecutor().adapter instanceof SqliteAdapter && query.q !== undefined && (await useTrigramIndex(db, query.q));
  let q = db.selectFrom('calls').selectAll('calls').where(callFilters(query, { textIndex })).orderBy('calls.placed_at', dir).orderBy('calls.id', dir).limit(query.limit + 1);
  if (query.cursor) {
    const [placedAt, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    const op = dir === 'asc' ? '>' : '<';
    q = q.where((eb) =>
      eb.or([eb('calls.placed_at', op, placedAt), eb.and([eb('calls.placed_at', '=', placedAt), eb('calls.id', op, id)])]),
    );
  }
  const result = page(await q.execute(), query.limit, (row) => [row.placed_at, row.id]);
  return { items: await withParties(db, result.items), nextCursor: result.nextCursor };
}

/** Open calls, longest wait first (placedAt ascending, then id). */
export async function listAwaiting(db: Db, query: AwaitingQuery, now: number) {
  let q = db
    .selectFrom('calls')
    .selectAll('calls')
    .where('calls.status', '=', 'awaiting')
    .orderBy('calls.placed_at', 'asc')
    .orderBy('calls.id', 'asc')
    .limit(query.limit + 1);
  const { ministryId } = query;
  if (ministryId) q = q.where((eb) => calleeOfMinistry(eb, ministryId));
  if (query.roundId) q = q.where('calls.round_id', '=', query.roundId);
  if (query.cursor) {
    const [placedAt, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('calls.placed_at', '>', placedAt), eb.and([eb('calls.placed_at', '=', placedAt), eb('calls.id', '>', id)])]));
  }
  const result = page(await q.execute(), query.limit, (row) => [row.placed_at, row.id]);
  return {
    items: await withParties(db, result.items, (row) => ({ waitingMs: Math.max(0, now - row.placed_at) })),
    nextCursor: result.nextCursor,
  };
}

export async function insertCall(db: Db, row: CallsTable): Promise<void> {
  await db.insertInto('calls').values(row).execute();
}

/**
 * Writes a call's fields, as the next version, only if it still has the
 * version the change was based on. Answers the call as written (the parties
 * as the caller read them), or undefined when the version has moved on.
 */
export async function updateCallFields(
  db: Db,
  id: string,
  expectedVersion: number,
  fields: CallFields,
  updatedAt: number,
  parties: { caller: Party; callee: Party },
  reopened = false,
): Promise<CallRecord | undefined> {
  const row = await db
    .updateTable('calls')
    .set((eb) => ({ ...fieldColumns(fields), version: expectedVersion + 1, updated_at: updatedAt, ...(reopened ? { episode: eb('episode', '+', 1) } : {}) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row ? toCall(row, parties.caller, parties.callee) : undefined;
}

export async function deleteCallRow(db: Db, id: string, expectedVersion: number): Promise<boolean> {
  const result = await db.deleteFrom('calls').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
