import type { CallStatus } from '#shared/schemas/calls.ts';
import { partyShape } from './api-shapes.ts';
import { insertMany, relaxTransactionDurability } from './bulk-insert.ts';
import { SEED_ACTOR, type SeedTarget, ensureMinistries, ensureOfficials, ministryKey, officialKey } from './seed-store.ts';
import { CallGenerator, type GeneratorOfficial, attemptTable, callTable, historyTable, roundHistoryTable, roundTable } from './synthetic-calls.ts';
import { buildPool } from './synthetic-pool.ts';

export interface SyntheticOptions {
  /** How many calls to add. */
  count: number;
  /** Seed of the random generator: the same seed and clock give the same calls (ids aside). */
  seed?: string | number;
  /** The clock's now: every call is placed, answered and closed before it. */
  now: number;
  /** Calls (and their history rows) committed per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SyntheticReport {
  calls: number;
  ministriesCreated: number;
  officialsCreated: number;
  statuses: Record<CallStatus, number>;
  /** Calls placed in rounds. */
  inRounds: number;
  elapsedMs: number;
}

export const DEFAULT_SEED = 20130212;
/** Calls generated and inserted at a time within a transaction. */
const CHUNK = 1000;

/** Makes sure the pool of ministries and officials exists (creating and auditing what is missing). */
export async function ensurePool(target: SeedTarget, now: number) {
  const pool = buildPool();
  return target.db.transaction().execute(async (trx) => {
    const ministries = await ensureMinistries(trx, pool.ministries, now);
    const ministryRows = pool.ministries.map((m) => ministries.byKey.get(ministryKey(m))!);
    const officials = await ensureOfficials(
      trx,
      pool.officials.map((o) => ({ ...o, ministry: ministryRows[o.ministryIndex]! })),
      now,
    );
    const generatorOfficials: GeneratorOfficial[] = pool.officials.map((spec) => {
      const ministry = ministryRows[spec.ministryIndex]!;
      const row = officials.byKey.get(officialKey(ministry.id, spec.name))!;
      return {
        id: row.id,
        ministryIndex: spec.ministryIndex,
        ministryShortName: ministry.short_name,
        // The stored zone wins: an analyst may have corrected it since.
        timeZone: row.time_zone,
        callWeight: spec.callWeight,
        partyJson: JSON.stringify(partyShape(row, ministry)),
      };
    });
    return { pool, officials: generatorOfficials, ministriesCreated: ministries.created.length, officialsCreated: officials.created.length };
  });
}

/**
 * Adds `count` synthetic calls, each with its audit entry, in transactions of
 * `batchSize` calls written with multi-row INSERTs.
 */
export async function seedSyntheticCalls(target: SeedTarget, options: SyntheticOptions): Promise<SyntheticReport> {
  const started = performance.now();
  const { count, now } = options;
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number ≥ 0, got ${count}`);

  const { pool, officials, ministriesCreated, officialsCreated } = await ensurePool(target, now);
  const generator = new CallGenerator(officials, pool.profiles, { count, seed: options.seed ?? DEFAULT_SEED, now, actor: SEED_ACTOR });

  const calls = callTable(now, SEED_ACTOR);
  const history = historyTable(now, SEED_ACTOR);
  const rounds = roundTable(now, SEED_ACTOR);
  const roundHistory = roundHistoryTable(now, SEED_ACTOR);
  const attempts = attemptTable(now, SEED_ACTOR);
  let done = 0;
  options.onProgress?.(0, count);
  while (done < count) {
    const inThisTransaction = Math.min(batchSize, count - done);
    let written = 0;
    await target.db.transaction().execute(async (trx) => {
      await relaxTransactionDurability(trx, target.dialect);
      // Generated a chunk at a time, so that only a chunk's strings are alive
      // at once: with whole batches the garbage collector copies them over
      // and over (a sixth of the run's CPU time, measured).
      while (written < inThisTransaction) {
        const chunk = generator.nextBatch(Math.min(CHUNK, inThisTransaction - written));
        if (chunk.count === 0) break;
        if (chunk.rounds.length > 0) {
          await insertMany(trx, target.dialect, rounds, chunk.rounds);
          await insertMany(trx, target.dialect, roundHistory, chunk.roundHistory);
        }
        await insertMany(trx, target.dialect, calls, chunk.calls);
        await insertMany(trx, target.dialect, history, chunk.history);
        if (chunk.attempts.length > 0) await insertMany(trx, target.dialect, attempts, chunk.attempts);
        written += chunk.count;
      }
    });
    if (written === 0) break;
    done += written;
    options.onProgress?.(done, count);
  }

  return { calls: done, ministriesCreated, officialsCreated, statuses: { ...generator.statuses }, inRounds: generator.inRounds, elapsedMs: performance.now() - started };
}
