import type { Transaction } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import { CSV_DIALECT } from '#shared/domain/csv.ts';
import { type AuditEntry, type AuditExportQuery, type AuditQuery, type AuditVerification, AUDIT_EXPORT_COLUMNS } from '#shared/schemas/audit.ts';
import type { Database } from '../../db/schema.ts';
import type { RequestInfo } from '../../lib/client-address.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { fromIso } from '../../lib/time.ts';
import { type AuditFilter, type AuditRecord, appendAuditRow, auditRowsAfter, chainHash, listAuditRows, pruneAuditRows, readAuditState, toAuditEntry } from './repository.ts';

export type { AuditRecord } from './repository.ts';

const DAY_MS = 24 * 3600_000;
/** How often (at most) one process looks for entries past the retention period. */
const PRUNE_EVERY_MS = 3600_000;
const lastPruned = new WeakMap<object, number>();

/** Who acted, in an entry's terms: the user, how they proved it, and from where. */
export function byUser(user: CurrentUser): Pick<AuditRecord, 'actor' | 'via' | 'ip' | 'userAgent'> {
  return { actor: { id: user.id, username: user.username }, via: user.via, ip: user.ip, userAgent: user.userAgent };
}

/** An entry about a request nobody (yet) proved to be someone. */
export function byRequest(request: RequestInfo, actorName: string | null = null): Pick<AuditRecord, 'actorName' | 'ip' | 'userAgent'> {
  return { actorName, ip: request.ip, userAgent: request.userAgent };
}

/**
 * Appends an entry in the transaction of the change it records. Once an hour
 * it also drops entries past AUDIT_RETENTION_DAYS, and says so in the log.
 */
export async function appendAudit(trx: Transaction<Database>, deps: Deps, record: AuditRecord): Promise<number> {
  const now = deps.clock.now();
  const days = deps.config.AUDIT_RETENTION_DAYS;
  const previous = lastPruned.get(deps.db);
  if (days > 0 && (previous === undefined || now - previous >= PRUNE_EVERY_MS)) {
    lastPruned.set(deps.db, now);
    const pruned = await pruneAuditRows(trx, now - days * DAY_MS);
    if (pruned) await appendAuditRow(trx, now, { type: 'audit.pruned', detail: { ...pruned, retentionDays: days } });
  }
  return appendAuditRow(trx, now, record);
}

/** An entry that records no other change (a refused login, a denied request, an export): a transaction of its own. */
export function recordAudit(deps: Deps, record: AuditRecord): Promise<number> {
  return deps.db.transaction().execute((trx) => appendAudit(trx, deps, record));
}

function filterOf(query: Pick<AuditQuery, 'type' | 'actor' | 'from' | 'to'>): AuditFilter {
  return {
    ...(query.type ? { types: query.type.split(',') } : {}),
    ...(query.actor ? { actor: query.actor } : {}),
    ...(query.from ? { from: fromIso(query.from) } : {}),
    ...(query.to ? { to: fromIso(query.to) } : {}),
  };
}

export function listAudit(deps: Deps, query: AuditQuery) {
  return listAuditRows(deps.db, filterOf(query), query);
}

const BATCH = 1000;
const MAX_PROBLEMS = 20;

/**
 * Walks the whole kept log in order: each entry must chain to the one before
 * (the first to the stored anchor), hash to what it says, and follow it by
 * exactly one; the last must be the head the appends left. A changed,
 * inserted or removed entry (the newest included) shows as a problem.
 */
export async function verifyAudit(deps: Deps): Promise<AuditVerification> {
  const state = await readAuditState(deps.db);
  const problems: AuditVerification['problems'] = [];
  const problem = (seq: number, text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ seq, problem: text });
  };
  let expectedPrev = state.anchor_hash;
  let expectedSeq = Number(state.pruned_through) + 1;
  let entries = 0;
  for (let after = Number(state.pruned_through); ; ) {
    const rows = await auditRowsAfter(deps.db, {}, after, BATCH);
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) problem(seq, `entries ${expectedSeq}–${seq - 1} are missing`);
      if (row.prev_hash !== expectedPrev) problem(seq, 'does not chain to the entry before it');
      const { hash, ...rest } = row;
      if (chainHash(rest) !== hash) problem(seq, 'was changed after it was written');
      expectedPrev = hash;
      expectedSeq = seq + 1;
      entries++;
    }
    if (rows.length < BATCH) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  const headSeq = Number(state.last_seq);
  if (expectedSeq - 1 !== headSeq) problem(headSeq, `the log ends at ${expectedSeq - 1}, but ${headSeq} entries were written`);
  else if (expectedPrev !== state.last_hash) problem(headSeq, 'the newest entry is not the one last written');
  return { valid: problems.length === 0, entries, headSeq, headHash: state.last_hash, prunedThrough: Number(state.pruned_through), problems };
}

/** One entry as CSV cells: objects as their JSON, empty for null; the dialect makes formula-like cells text. */
function csvCells(entry: AuditEntry): (string | number)[] {
  return AUDIT_EXPORT_COLUMNS.map((column) => {
    const value = entry[column];
    return value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : value;
  });
}

/** The matching entries, oldest first, as CSV lines or a JSON array, a batch at a time. */
export async function* exportAudit(deps: Deps, query: AuditExportQuery): AsyncGenerator<string> {
  const filter = filterOf(query);
  const csv = query.format === 'csv';
  yield csv ? `\uFEFF${stringify([[...AUDIT_EXPORT_COLUMNS]], CSV_DIALECT)}` : '[';
  let first = true;
  for (let after = 0; ; ) {
    const rows = await auditRowsAfter(deps.db, filter, after, BATCH);
    const entries = rows.map(toAuditEntry);
    if (csv) {
      if (entries.length) yield stringify(entries.map(csvCells), CSV_DIALECT);
    } else if (entries.length) {
      yield (first ? '' : ',') + entries.map((e) => JSON.stringify(e)).join(',');
      first = false;
    }
    if (rows.length < BATCH) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  if (!csv) yield ']';
}

