import type { Kysely } from 'kysely';
import type { Database } from '#server/db/schema.ts';

/** How many calls lack the history entry of their creation (a write and its history commit together: none should). */
export async function callsWithoutHistory(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('history').select('seq').where('entity_type', '=', 'call').where('action', '=', 'create').whereRef('entity_id', '=', 'calls.id'))),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
