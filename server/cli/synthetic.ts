import type { Transaction } from 'kysely';
import type { CallStatus } from '#shared/schemas/calls.ts';
import type { Database } from '../db/schema.ts';
import { loadWithDeferredIndexes } from './deferred-indexes.ts';
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
  /** Calls (and their history rows) committed per transaction, where they are not all in one (`deferIndexes`). */
  batchSize?: number;
  /**
   * SQLite: load in one transaction with the indexes and insert triggers set
   * aside and built once at the end (server/cli/deferred-indexes.ts). By
   * default when at least DEFER_INDEXES_FROM calls are added and the load at
   * least doubles the calls; a large table is cheaper kept up to date.
   */
  deferIndexes?: boolean;
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

/** Below this many calls a load keeps the indexes up to date row by row (see `deferIndexes`). */
export const DEFER_INDEXES_FROM = 10_000;

/**
 * Adds `count` synthetic calls, each with its audit entry, written with
 * multi-row INSERTs: in transactions of `batchSize` calls, or, on SQLite
 * when the load at least doubles the calls (`deferIndexes`), in one
 * transaction with the indexes built once at the end.
 */
export async function seedSyntheticCalls(target: SeedTarget, options: SyntheticOptions): Promise<SyntheticReport> {
  const started = performance.now();
  const { count, now } = options;
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number ≥ 0, got ${count}`);

  const { pool, officials, ministriesCreated, officialsCreated } = await ensurePool(target, now);
  const generator = new CallGenerator(officials, pool.profiles, { count, seed: options.seed ?? DEFAULT_SEED, now, actor: SEED_ACTOR });

  const tables = { calls: callTable(now, SEED_ACTOR), history: historyTable(now, SEED_ACTOR), rounds: roundTable(now, SEED_ACTOR), roundHistory: roundHistoryTable(now, SEED_ACTOR), attempts: attemptTable(now, SEED_ACTOR) };
  let done = 0;
  /** Writes up to `limit` calls in `trx`; answers how many there were. */
  const write = async (trx: Transaction<Database>, limit: number) => {
    let written = 0;
    // Generated a chunk at a time, so that only a chunk's strings are alive
    // at once: with whole batches the garbage collector copies them over
    // and over (a sixth of the run's CPU time, measured).
    while (written < limit) {
      const chunk = generator.nextBatch(Math.min(CHUNK, limit - written));
      if (chunk.count === 0) break;
      if (chunk.rounds.length > 0) {
        await insertMany(trx, target.dialect, tables.rounds, chunk.rounds);
        await insertMany(trx, target.dialect, tables.roundHistory, chunk.roundHistory);
      }
      await insertMany(trx, target.dialect, tables.calls, chunk.calls);
      await insertMany(trx, target.dialect, tables.history, chunk.history);
      if (chunk.attempts.length > 0) await insertMany(trx, target.dialect, tables.attempts, chunk.attempts);
      written += chunk.count;
    }
    return written;
  };
  options.onProgress?.(0, count);

  const defer = options.deferIndexes ?? (target.dialect === 'sqlite' && count >= DEFER_INDEXES_FROM && count >= (await callCount(target)));
  if (defer && target.dialect === 'sqlite') {
    const deferred = await target.db.transaction().execute((trx) =>
      loadWithDeferredIndexes(trx, ['calls', 'history', 'rounds', 'attempts'], async () => {
        while (done < count) {
          const written = await write(trx, Math.min(batchSize, count - done));
          if (written === 0) break;
          done += written;
          options.onProgress?.(done, count);
        }
      }),
    );
    if (deferred) return report();
  }

  while (done < count) {
    const written = await target.db.transaction().execute(async (trx) => {
      await relaxTransactionDurability(trx, target.dialect);
      return write(trx, Math.min(batchSize, count - done));
    });
    if (written === 0) break;
    done += written;
    options.onProgress?.(done, count);
  }
  return report();

  function report(): SyntheticReport {
    return { calls: done, ministriesCreated, officialsCreated, statuses: { ...generator.statuses }, inRounds: generator.inRounds, elapsedMs: performance.now() - started };
  }
}

async function callCount(target: SeedTarget): Promise<number> {
  const row = await target.db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
