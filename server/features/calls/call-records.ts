import type { Kysely, Transaction } from 'kysely';
import type { CallRecord, CallStatus, Channel } from '#shared/schemas/calls.ts';
import type { Party } from '#shared/schemas/officials.ts';
import { responseMs } from '#shared/domain/call-status.ts';
import type { CallsTable, Database } from '../../db/schema.ts';
import { toIso, toIsoOrNull } from '../../lib/time.ts';
import { selectOfficials, toParty } from '../officials/repository.ts';

// How a stored call becomes the API's CallRecord with its two parties:
// read apart (withParties, the lists) or joined (selectCalls, one call and
// the queries that need every column in one statement).

type Db = Kysely<Database> | Transaction<Database>;

/** The one place a stored call becomes the API's CallRecord. */
export function toCall(row: CallsTable, caller: Party, callee: Party): CallRecord {
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
    promisedBy: toIsoOrNull(row.promised_by ?? null),
    acknowledgedAt: toIsoOrNull(row.acknowledged_at ?? null),
    responseMs: responseMs(times),
    roundId: row.round_id ?? null,
    // SQLite and PostgreSQL both answer integers here, but a count from an aggregate may come back as text: Number() either way.
    attempts: Number(row.attempts ?? 1),
    // placedAt is the first try by definition, even if it was moved later than a recorded attempt.
    lastAttemptAt: toIso(Math.max(Number(row.last_attempt_at ?? row.placed_at), row.placed_at)),
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

/**
 * Calls' rows with their parties: the page's officials (with their
 * ministries) in one query, shared by the rows that name them, instead of
 * four joins and fourteen more columns per row (the board's pages of 500
 * took 13–14 ms in SQLite joined, 8 ms plus ~1 ms for the officials apart:
 * docs/performance.md, item 32). The officials are read after the calls, so
 * every official a row names existed when the row was read (a call's
 * parties cannot be deleted while it stands); a call deleted with its
 * official in between is left out, as a read a moment later would leave it.
 */
export async function withParties<More extends object = object>(db: Db, rows: readonly CallsTable[], more?: (row: CallsTable) => More): Promise<(CallRecord & More)[]> {
  const parties = await findParties(db, rows.flatMap((row) => [row.caller_id, row.callee_id]));
  const calls: (CallRecord & More)[] = [];
  for (const row of rows) {
    const caller = parties.get(row.caller_id);
    const callee = parties.get(row.callee_id);
    if (caller && callee) calls.push(Object.assign(toCall(row, caller, callee), more?.(row)));
  }
  return calls;
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

export function fromJoined(row: JoinedRow): CallRecord {
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
