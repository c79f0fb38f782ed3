import { type Kysely, sql } from 'kysely';
import { REPLIED_STATUSES } from '#shared/domain/call-status.ts';
import type { Database } from '../../db/schema.ts';
import { fromJoined, selectCalls } from '../calls/repository.ts';

const CHUNK = 500;

/** Every awaiting call, longest wait first. */
export async function openCalls(db: Kysely<Database>) {
  const rows = await selectCalls(db).where('calls.status', '=', 'awaiting').orderBy('calls.placed_at', 'asc').orderBy('calls.id', 'asc').execute();
  return rows.map(fromJoined);
}

/** The calls replied to in [since, until], newest reply first. */
export async function repliesBetween(db: Kysely<Database>, since: number, until: number) {
  const rows = await selectCalls(db)
    .where('calls.status', 'in', [...REPLIED_STATUSES])
    .where('calls.responded_at', '>=', since)
    .where('calls.responded_at', '<=', until)
    .orderBy('calls.responded_at', 'desc')
    .orderBy('calls.id', 'asc')
    .execute();
  return rows.map(fromJoined);
}

export interface RoundFacts {
  attempts: number;
  round: { id: string; title: string } | null;
}

/**
 * Each call's tries and round (calls.attempts, calls.round_id, rounds.title).
 * Read by name rather than through the typed schema, and read defensively:
 * a database whose schema has no rounds yet answers one try and no round.
 */
export async function roundFacts(db: Kysely<Database>, callIds: readonly string[]): Promise<Map<string, RoundFacts>> {
  const facts = new Map<string, RoundFacts>();
  try {
    for (let i = 0; i < callIds.length; i += CHUNK) {
      const ids = callIds.slice(i, i + CHUNK);
      const { rows } = await sql<{ id: string; attempts: number | string | null; round_id: string | null; round_title: string | null }>`
        select c.id, c.attempts, r.id as round_id, r.title as round_title
        from calls c left join rounds r on r.id = c.round_id
        where c.id in (${sql.join(ids)})`.execute(db);
      for (const row of rows) {
        facts.set(row.id, {
          attempts: Math.max(1, Number(row.attempts ?? 1)),
          round: row.round_id !== null && row.round_title !== null ? { id: row.round_id, title: row.round_title } : null,
        });
      }
    }
  } catch {
    return new Map();
  }
  return facts;
}
