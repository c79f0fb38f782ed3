import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { bulkLoadSettings } from '#server/cli/bulk-insert.ts';
import { seedDemo } from '#server/cli/demo.ts';
import { DEFAULT_SEED, seedSyntheticCalls } from '#server/cli/synthetic.ts';
import type { DatabaseHandle } from '#server/db/client.ts';
import { hashSecret, newSecret } from '#server/lib/secrets.ts';

/** Seeds as `npm run seed -- --demo --calls N` does; answers the time of the synthetic calls (settings restored and WAL folded back included). */
export async function seed(database: DatabaseHandle, calls: number, now: number): Promise<{ ms: number; calls: number }> {
  await seedDemo(database, { now });
  const started = performance.now();
  const restore = await bulkLoadSettings(database.db, database.dialect);
  let report;
  try {
    report = await seedSyntheticCalls(database, { count: calls, now, seed: DEFAULT_SEED });
  } finally {
    await restore();
  }
  return { ms: performance.now() - started, calls: report.calls };
}

/**
 * Makes exactly `n` calls awaiting (the board's size), from what the seed
 * left: surplus open calls are withdrawn a day after they were placed (or at
 * `now`), or the latest withdrawn calls reopened. Done before the server
 * starts, straight in SQL (the stats log's triggers still see it).
 */
export async function setAwaitingCount(database: DatabaseHandle, n: number, now: number): Promise<number> {
  const { db } = database;
  const count = async () => Number((await db.selectFrom('calls').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'awaiting').executeTakeFirstOrThrow()).n);
  const have = await count();
  if (have > n) {
    const surplus = db.selectFrom('calls').select('id').where('status', '=', 'awaiting').orderBy('placed_at', 'desc').limit(have - n);
    await db
      .updateTable('calls')
      .set({ status: 'withdrawn', closed_at: sql<number>`case when placed_at + 86400000 < ${now} then placed_at + 86400000 else ${now} end` })
      .where('id', 'in', surplus)
      .execute();
  } else if (have < n) {
    const reopened = db.selectFrom('calls').select('id').where('status', '=', 'withdrawn').orderBy('placed_at', 'desc').limit(n - have);
    await db.updateTable('calls').set({ status: 'awaiting', closed_at: null }).where('id', 'in', reopened).execute();
  }
  return count();
}

/** A viewer with a live session, stored as a login stores it (no password hashing needed): the cookie value. */
export async function viewerSession(database: DatabaseHandle, now: number): Promise<string> {
  const userId = randomUUID();
  const sessionId = newSecret();
  await database.db
    .insertInto('users')
    .values({ id: userId, username: `bench-${userId.slice(0, 8)}`, display_name: 'Benchmark', role: 'viewer', password_hash: 'not-a-password', disabled: 0, created_at: now, updated_at: now })
    .execute();
  await database.db
    .insertInto('sessions')
    .values({ id_hash: hashSecret(sessionId), id: randomUUID(), user_id: userId, created_at: now, expires_at: now + 24 * 3600 * 1000, last_seen_at: now, verified_at: now })
    .execute();
  return sessionId;
}
