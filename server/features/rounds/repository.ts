import type { Kysely, Transaction } from 'kysely';
import { REPLIED_STATUSES } from '#shared/domain/call-status.ts';
import { EMPTY_SUMMARY, type StatusGroup, summarizeRound } from '#shared/domain/rounds/summary.ts';
import type { CallStatus } from '#shared/schemas/calls.ts';
import type { Party } from '#shared/schemas/officials.ts';
import type { RoundListQuery, RoundRecord, RoundSummary } from '#shared/schemas/rounds.ts';
import type { Database, RoundsTable } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso, toIsoOrNull } from '../../lib/time.ts';
import { toParty } from '../officials/repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A round's own fields in the domain's terms (timestamps as epoch ms): what a patch is merged into. */
export interface RoundFields {
  title: string;
  trigger: string;
  triggerAt: number | null;
  initiatorId: string | null;
  notes: string | null;
}

export interface StoredRound {
  round: RoundRecord;
  fields: RoundFields;
  version: number;
}

/** Rounds with their initiator (and the initiator's ministry) when they have one, in one query. */
function selectRounds(db: Db) {
  return db
    .selectFrom('rounds')
    .leftJoin('officials as initiator', 'initiator.id', 'rounds.initiator_id')
    .leftJoin('ministries as initiator_ministry', 'initiator_ministry.id', 'initiator.ministry_id')
    .selectAll('rounds')
    .select([
      'initiator.name as initiator_name',
      'initiator.title as initiator_title',
      'initiator.time_zone as initiator_time_zone',
      'initiator_ministry.id as initiator_ministry_id',
      'initiator_ministry.name as initiator_ministry_name',
      'initiator_ministry.short_name as initiator_ministry_short_name',
      'initiator_ministry.country as initiator_ministry_country',
    ]);
}

type JoinedRound = Awaited<ReturnType<ReturnType<typeof selectRounds>['executeTakeFirstOrThrow']>>;

function initiatorOf(row: JoinedRound): Party | null {
  if (row.initiator_id === null || row.initiator_name === null || row.initiator_ministry_id === null) return null;
  return toParty({
    id: row.initiator_id,
    name: row.initiator_name,
    title: row.initiator_title ?? '',
    time_zone: row.initiator_time_zone ?? 'UTC',
    ministry_id: row.initiator_ministry_id,
    ministry_name: row.initiator_ministry_name ?? '',
    ministry_short_name: row.initiator_ministry_short_name ?? '',
    ministry_country: row.initiator_ministry_country ?? '',
  });
}

/** The one place a stored round becomes the API's RoundRecord. */
export function toRound(row: RoundsTable, initiator: Party | null): RoundRecord {
  return {
    id: row.id,
    title: row.title,
    trigger: row.trigger,
    triggerAt: toIsoOrNull(row.trigger_at === null ? null : Number(row.trigger_at)),
    initiatorId: row.initiator_id,
    initiator,
    notes: row.notes,
    version: Number(row.version),
    createdAt: toIso(Number(row.created_at)),
    updatedAt: toIso(Number(row.updated_at)),
    createdBy: row.created_by,
  };
}

function fieldsOf(row: RoundsTable): RoundFields {
  return { title: row.title, trigger: row.trigger, triggerAt: row.trigger_at, initiatorId: row.initiator_id, notes: row.notes };
}

export function roundColumns(fields: RoundFields): Pick<RoundsTable, 'title' | 'trigger' | 'trigger_at' | 'initiator_id' | 'notes'> {
  return { title: fields.title, trigger: fields.trigger, trigger_at: fields.triggerAt, initiator_id: fields.initiatorId, notes: fields.notes };
}

export async function findRound(db: Db, id: string): Promise<StoredRound | undefined> {
  const row = await selectRounds(db).where('rounds.id', '=', id).executeTakeFirst();
  return row ? { round: toRound(row, initiatorOf(row)), fields: fieldsOf(row), version: row.version } : undefined;
}

export async function roundExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('rounds').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Rounds by title, oldest first: the import puts a row in the first round with its title. */
export async function roundIdsByTitle(db: Db, titles: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (titles.length === 0) return found;
  const rows = await db.selectFrom('rounds').select(['id', 'title']).where('title', 'in', [...new Set(titles)]).orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
  for (const row of rows) if (!found.has(row.title)) found.set(row.title, row.id);
  return found;
}

/**
 * Newest round first, by (createdAt, id) with a keyset cursor. `open` keeps
 * the rounds with an awaiting call (one EXISTS on the calls' round index).
 */
export async function listRoundRows(db: Db, query: RoundListQuery) {
  let q = selectRounds(db).orderBy('rounds.created_at', 'desc').orderBy('rounds.id', 'desc').limit(query.limit + 1);
  if (query.open) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('calls').select('calls.id').whereRef('calls.round_id', '=', 'rounds.id').where('calls.status', '=', 'awaiting')),
    );
  }
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('rounds.created_at', '<', createdAt), eb.and([eb('rounds.created_at', '=', createdAt), eb('rounds.id', '<', id)])]));
  }
  const result = page(await q.execute(), query.limit, (row) => [Number(row.created_at), row.id]);
  return { items: result.items.map((row) => toRound(row, initiatorOf(row))), nextCursor: result.nextCursor };
}

/**
 * The summaries of many rounds in two queries, however many rounds: one
 * groups their calls by round and status (counts, the earliest placedAt, the
 * latest respondedAt), the other reads their replies' response times, from
 * which each nearest-rank median is taken. See docs/decisions/0013.
 */
export async function roundSummaries(db: Db, roundIds: readonly string[], now: number): Promise<Map<string, RoundSummary>> {
  const summaries = new Map<string, RoundSummary>();
  if (roundIds.length === 0) return summaries;
  const ids = [...new Set(roundIds)];
  const groups = await db
    .selectFrom('calls')
    .select((eb) => [
      'calls.round_id',
      'calls.status',
      eb.fn.countAll<number | string>().as('count'),
      eb.fn.min('calls.placed_at').as('first_placed_at'),
      eb.fn.max('calls.responded_at').as('last_responded_at'),
    ])
    .where('calls.round_id', 'in', ids)
    .groupBy(['calls.round_id', 'calls.status'])
    .execute();
  const replies = await db
    .selectFrom('calls')
    .select(['calls.round_id', 'calls.placed_at', 'calls.responded_at'])
    .where('calls.round_id', 'in', ids)
    .where('calls.status', 'in', REPLIED_STATUSES)
    .where('calls.responded_at', 'is not', null)
    .execute();

  const byRound = new Map<string, StatusGroup[]>();
  for (const row of groups) {
    const list = byRound.get(row.round_id!) ?? [];
    list.push({
      status: row.status as CallStatus,
      // PostgreSQL answers count(*) as a bigint (text unless parsed) and SQLite as an integer: Number() either way.
      count: Number(row.count),
      firstPlacedAt: row.first_placed_at === null ? null : Number(row.first_placed_at),
      lastRespondedAt: row.last_responded_at === null ? null : Number(row.last_responded_at),
    });
    byRound.set(row.round_id!, list);
  }
  const replyMs = new Map<string, number[]>();
  for (const row of replies) {
    const list = replyMs.get(row.round_id!) ?? [];
    list.push(Number(row.responded_at) - Number(row.placed_at));
    replyMs.set(row.round_id!, list);
  }
  for (const id of ids) {
    const statusGroups = byRound.get(id);
    summaries.set(id, statusGroups ? summarizeRound(statusGroups, replyMs.get(id) ?? [], now) : EMPTY_SUMMARY);
  }
  return summaries;
}

export async function insertRound(db: Db, row: RoundsTable): Promise<void> {
  await db.insertInto('rounds').values(row).execute();
}

/** Writes a round's fields as the next version, only if it still has the expected one; answers the row as written. */
export async function updateRoundRow(db: Db, id: string, expectedVersion: number, fields: RoundFields, updatedAt: number): Promise<RoundsTable | undefined> {
  return db
    .updateTable('rounds')
    .set({ ...roundColumns(fields), version: expectedVersion + 1, updated_at: updatedAt })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteRoundRow(db: Db, id: string, expectedVersion: number): Promise<boolean> {
  const result = await db.deleteFrom('rounds').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
