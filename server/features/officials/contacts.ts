import { type Kysely, type Transaction, sql } from 'kysely';
import { REPLIED_STATUSES } from '#shared/domain/call-status.ts';
import type { OfficialContact, OfficialContactQuery } from '#shared/schemas/officials.ts';
import type { Database } from '../../db/schema.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso, toIsoOrNull } from '../../lib/time.ts';
import { toParty } from './repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * One official's contact history: the calls between them and each
 * counterpart, whichever side placed them, summed per counterpart in SQL and
 * ordered by the latest attempt (then counterpart id). The cursor is the last
 * item's (lastAttemptAt, counterpart id).
 */
export async function listContacts(db: Db, officialId: string, query: OfficialContactQuery) {
  const replied = sql`(${sql.join([...REPLIED_STATUSES])})`;
  // Each call seen from this official's side: who is on the other end, and which way it went.
  const perCall = db
    .selectFrom('calls')
    .select([
      sql<string>`case when caller_id = ${officialId} then callee_id else caller_id end`.as('counterpart_id'),
      sql<number>`case when caller_id = ${officialId} then 1 else 0 end`.as('outgoing'),
      'status',
      'placed_at',
      'responded_at',
    ])
    .where((eb) => eb.or([eb('caller_id', '=', officialId), eb('callee_id', '=', officialId)]));

  const perCounterpart = db
    .selectFrom(perCall.as('pc'))
    .select([
      'pc.counterpart_id',
      sql<number>`count(*)`.as('attempts'),
      sql<number>`sum(pc.outgoing)`.as('outgoing'),
      sql<number>`sum(case when pc.status in ${replied} then 1 else 0 end)`.as('replies'),
      sql<number>`sum(case when pc.status = 'awaiting' then 1 else 0 end)`.as('awaiting'),
      sql<number | null>`max(case when pc.status in ${replied} then pc.responded_at end)`.as('last_contact_at'),
      sql<number>`max(pc.placed_at)`.as('last_attempt_at'),
    ])
    .groupBy('pc.counterpart_id');

  let q = db
    .selectFrom(perCounterpart.as('g'))
    .innerJoin('officials as o', 'o.id', 'g.counterpart_id')
    .innerJoin('ministries as m', 'm.id', 'o.ministry_id')
    .select([
      'g.attempts',
      'g.outgoing',
      'g.replies',
      'g.awaiting',
      'g.last_contact_at',
      'g.last_attempt_at',
      'o.id',
      'o.name',
      'o.title',
      'o.time_zone',
      'o.ministry_id',
      'm.name as ministry_name',
      'm.short_name as ministry_short_name',
      'm.country as ministry_country',
    ])
    .orderBy('g.last_attempt_at', 'desc')
    .orderBy('o.id', 'asc')
    .limit(query.limit + 1);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ['number', 'string'] as const);
    q = q.where((eb) => eb.or([eb('g.last_attempt_at', '<', at), eb.and([eb('g.last_attempt_at', '=', at), eb('o.id', '>', id)])]));
  }

  const rows = await q.execute();
  const result = page(rows, query.limit, (row) => [Number(row.last_attempt_at), row.id]);
  return { items: result.items.map(toContact), nextCursor: result.nextCursor };
}

type ContactRow = Parameters<typeof toParty>[0] & {
  attempts: number;
  outgoing: number;
  replies: number;
  awaiting: number;
  last_contact_at: number | null;
  last_attempt_at: number;
};

// Aggregates come back as strings from some drivers and dialects; count them as numbers here.
function toContact(row: ContactRow): OfficialContact {
  const attempts = Number(row.attempts);
  const outgoing = Number(row.outgoing);
  return {
    counterpart: toParty(row),
    attempts,
    outgoing,
    incoming: attempts - outgoing,
    replies: Number(row.replies),
    awaiting: Number(row.awaiting),
    lastContactAt: toIsoOrNull(row.last_contact_at === null ? null : Number(row.last_contact_at)),
    lastAttemptAt: toIso(Number(row.last_attempt_at)),
  };
}
