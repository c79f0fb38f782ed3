import { createHash } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditEntry, AuditType } from '#shared/schemas/audit.ts';
import type { Database } from '../../db/schema.ts';
import type { AuditLogTable } from '../../db/schema-auth.ts';
import { decodeCursor, page } from '../../lib/pagination.ts';
import { toIso } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type AuditRow = Selectable<AuditLogTable>;

/** What one entry records; `at` and the chain are added when it is appended. */
export interface AuditRecord {
  type: AuditType;
  actor?: { id: string; username: string } | null;
  /** A username that was tried but may not exist (a failed login). */
  actorName?: string | null;
  via?: 'session' | 'token' | null;
  ip?: string | null;
  userAgent?: string | null;
  target?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * SHA-256 over the previous entry's hash and every stored column of this
 * one, as stored (the detail is hashed as the JSON text kept), so checking
 * the chain later needs no canonical form of anything.
 */
export function chainHash(row: Omit<AuditRow, 'hash'>): string {
  const fields = [row.prev_hash, row.seq, row.at, row.type, row.actor_id, row.actor, row.ip, row.user_agent, row.via, row.target, row.detail];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Appends one entry inside the caller's transaction, so the entry and the
 * change it records commit or fail together. Bumping the head row first
 * locks it (on PostgreSQL until commit), so appends from several requests or
 * instances line up one behind another and the chain never forks; call it
 * last in a transaction, after its other writes, to keep that wait short.
 */
export async function appendAuditRow(trx: Transaction<Database>, at: number, record: AuditRecord): Promise<number> {
  const head = await trx
    .updateTable('audit_state')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  const row: Omit<AuditRow, 'hash'> = {
    seq: Number(head.last_seq),
    at,
    type: record.type,
    actor_id: record.actor?.id ?? null,
    actor: record.actor?.username ?? record.actorName ?? null,
    ip: record.ip ?? null,
    user_agent: record.userAgent ?? null,
    via: record.via ?? null,
    target: record.target ?? null,
    detail: JSON.stringify(record.detail ?? {}),
    prev_hash: head.last_hash,
  };
  const hash = chainHash(row);
  await trx.insertInto('audit_log').values({ ...row, hash }).execute();
  await trx.updateTable('audit_state').set({ last_hash: hash }).where('id', '=', 1).execute();
  return row.seq;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: toIso(Number(row.at)),
    type: row.type,
    actor: row.actor,
    ip: row.ip,
    userAgent: row.user_agent,
    via: row.via === 'session' || row.via === 'token' ? row.via : null,
    target: row.target,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    hash: row.hash,
  };
}

export interface AuditFilter {
  types?: string[];
  actor?: string;
  from?: number;
  to?: number;
}

function filtered(db: Db, filter: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.types?.length) {
    const exact = filter.types.filter((t) => t.includes('.'));
    const areas = filter.types.filter((t) => !t.includes('.'));
    q = q.where((eb) => eb.or([...(exact.length ? [eb('type', 'in', exact)] : []), ...areas.map((area) => eb('type', 'like', `${area}.%`))]));
  }
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<', filter.to);
  return q;
}

/** Newest first; the cursor is the last entry's seq. */
export async function listAuditRows(db: Db, filter: AuditFilter, query: { limit: number; cursor?: string | undefined }) {
  let q = filtered(db, filter).orderBy('seq', 'desc').limit(query.limit + 1);
  if (query.cursor) {
    const [beforeSeq] = decodeCursor(query.cursor, ['number'] as const);
    q = q.where('seq', '<', beforeSeq);
  }
  const result = page(await q.execute(), query.limit, (r) => [Number(r.seq)]);
  return { items: result.items.map(toAuditEntry), nextCursor: result.nextCursor };
}

/** Oldest first, a batch at a time after `afterSeq`: for exports and the chain check. */
export function auditRowsAfter(db: Db, filter: AuditFilter, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return filtered(db, filter).where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
}

export function readAuditState(db: Db) {
  return db.selectFrom('audit_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

/**
 * Removes entries older than `cutoff`, keeping the chain checkable: the mark
 * and the hash the next kept entry chains to are stored first (the database
 * refuses deletes above the mark). Answers how many went.
 */
export async function pruneAuditRows(trx: Transaction<Database>, cutoff: number): Promise<{ removed: number; throughSeq: number } | null> {
  const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).where('at', '<', cutoff).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (!last) return null;
  const throughSeq = Number(last.seq);
  await trx.updateTable('audit_state').set({ pruned_through: throughSeq, anchor_hash: last.hash }).where('id', '=', 1).execute();
  const result = await trx.deleteFrom('audit_log').where('seq', '<=', throughSeq).executeTakeFirst();
  return { removed: Number(result.numDeletedRows), throughSeq };
}
