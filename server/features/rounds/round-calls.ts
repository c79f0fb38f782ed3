import type { Kysely, Transaction } from 'kysely';
import type { CallRecord } from '#shared/schemas/calls.ts';
import type { RoundCall } from '#shared/schemas/rounds.ts';
import type { Database } from '../../db/schema.ts';
import { withAvailability, withWorkingMs } from '../availability/service.ts';
import { type NewHistoryEntry, appendHistoryEntries } from '../history/repository.ts';
import { fromJoined, selectCalls } from '../calls/call-records.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Awaiting calls first, longest wait first; then the replied ones by responseMs; withdrawn ones (no responseMs) last. */
export function roundCallOrder(a: CallRecord, b: CallRecord): number {
  const rank = (c: CallRecord) => (c.status === 'awaiting' ? 0 : c.responseMs !== null ? 1 : 2);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (rank(a) === 1 && a.responseMs !== b.responseMs) return a.responseMs! - b.responseMs!;
  return a.placedAt === b.placedAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : Date.parse(a.placedAt) - Date.parse(b.placedAt);
}

/** A round's calls as its page shows them (parties embedded; waiting time and availability on the awaiting ones), in one query. */
export async function roundCalls(db: Db, roundId: string, now: number): Promise<RoundCall[]> {
  const rows = await selectCalls(db).where('calls.round_id', '=', roundId).execute();
  const calls = rows.map(fromJoined).sort(roundCallOrder);
  const awaiting = calls.filter((c) => c.status === 'awaiting');
  const others = calls.filter((c) => c.status !== 'awaiting');
  const open = await withAvailability(db, awaiting, now);
  const closed = await withWorkingMs(db, others, now);
  return [
    ...open.map((c) => ({ ...c, waitingMs: Math.max(0, now - Date.parse(c.placedAt)) })),
    ...closed.map((c) => ({ ...c, waitingMs: null, availability: null })),
  ];
}

/**
 * Takes every call out of a round before the round is deleted: each becomes
 * its next version with `roundId` null, and its history records the change.
 * Runs in the deleting transaction.
 */
export async function releaseRoundCalls(trx: Db, roundId: string, actor: string, now: number): Promise<string[]> {
  const rows = await selectCalls(trx).where('calls.round_id', '=', roundId).execute();
  if (rows.length === 0) return [];
  await trx
    .updateTable('calls')
    .set((eb) => ({ round_id: null, version: eb('version', '+', 1), updated_at: now }))
    .where('round_id', '=', roundId)
    .execute();
  const entries: NewHistoryEntry[] = rows.map((row) => {
    const before = fromJoined(row);
    const after: CallRecord = { ...before, roundId: null, version: before.version + 1, updatedAt: new Date(now).toISOString() };
    return { at: now, actor, action: 'update', entityType: 'call', entityId: before.id, before, after };
  });
  await appendHistoryEntries(trx, entries);
  return rows.map((row) => row.id);
}
