import { sql } from 'kysely';
import { databaseStatus } from '../../db/status.ts';
import type { Deps } from '../../lib/context.ts';

/** Longest the check waits for the database: a load balancer asking must get an answer, even from a frozen database. */
const DEADLINE_MS = 3000;
/** While the disk is full, a write is tried at most this often (health may be asked many times a second). */
const PROBE_EVERY_MS = 5000;

export type Health =
  | { state: 'ok' }
  | { state: 'unavailable'; detail: string }
  | { state: 'degraded'; detail: string };

interface Memory {
  probedAt: number;
  lastState: Health['state'];
  /** The check under way: requests that arrive meanwhile share its answer. */
  running: Promise<Health> | undefined;
  /** The last check's answer, until the event loop's turn it was made in ends. */
  thisTurn: Health | undefined;
}
const memories = new WeakMap<Deps['db'], Memory>();

function withDeadline<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Whether the database answers, and whether it can store: a write that failed
 * for want of space leaves the server `degraded` (reads work, writes do not)
 * until a write succeeds again — a request's, or the check's own small one.
 */
export async function checkHealth(deps: Deps): Promise<Health> {
  let memory = memories.get(deps.db);
  if (!memory) memories.set(deps.db, (memory = { probedAt: 0, lastState: 'ok', running: undefined, thisTurn: undefined }));
  // Requests that arrive while a check runs share its answer, and so do those
  // read in the same turn of the event loop after it (SQLite answers within
  // the turn, so under load each request would otherwise make its own check):
  // many monitors asking at once cost one query, and no answer is older than
  // the turn of the check it comes from.
  if (memory.thisTurn) return memory.thisTurn;
  const shared = memory;
  shared.running ??= assess(deps, shared).then(
    (health) => {
      shared.running = undefined;
      shared.thisTurn = health;
      setImmediate(() => (shared.thisTurn = undefined));
      return health;
    },
    (error: unknown) => {
      shared.running = undefined;
      throw error;
    },
  );
  const health = await shared.running;
  if (health.state !== memory.lastState) {
    console.warn(`health: ${memory.lastState} → ${health.state}${'detail' in health ? ` (${health.detail})` : ''}`);
    memory.lastState = health.state;
  }
  return health;
}

async function assess(deps: Deps, memory: Memory): Promise<Health> {
  try {
    await withDeadline(sql`select 1`.execute(deps.db), 'The database check');
  } catch (error) {
    console.warn('health: the database did not answer:', error instanceof Error ? error.message : error);
    return { state: 'unavailable', detail: 'The database did not answer' };
  }
  const status = databaseStatus(deps.db);
  if (status.storageFullSince !== null && Date.now() - memory.probedAt >= PROBE_EVERY_MS) {
    memory.probedAt = Date.now();
    const checkedAt = deps.clock.now();
    const probe = deps.db
      .insertInto('health_probe')
      .values({ id: 1, checked_at: checkedAt })
      .onConflict((oc) => oc.column('id').doUpdateSet({ checked_at: checkedAt }))
      .execute();
    // A failure is recorded by the driver; the status below tells the outcome.
    await withDeadline(probe, 'The write check').catch(() => undefined);
  }
  if (status.storageFullSince !== null) {
    return { state: 'degraded', detail: `The database's disk is full (since ${new Date(status.storageFullSince).toISOString()}): reads work, writes are refused` };
  }
  return { state: 'ok' };
}
