import type { StatusTimes } from '#shared/domain/call-status.ts';
import { type ImportError, type ImportResult, ImportRow, TRANSFER_COLUMNS } from '#shared/schemas/transfer.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isUniqueViolation, orThrow } from '../../lib/db-errors.ts';
import { conflict } from '../../lib/errors.ts';
import { issuePath } from '../../lib/validate.ts';
import { newCallRow, toCall } from '../calls/repository.ts';
import { settleNewCallTimes } from '../calls/service.ts';
import { appendHistoryEntries, type NewHistoryEntry } from '../history/repository.ts';
import { toParty } from '../officials/repository.ts';
import { importError, importRefused, readImportBody } from './parse.ts';
import { type PartyMention, resolveParties } from './parties.ts';
import { insertCalls, insertMinistries, insertOfficials } from './repository.ts';

/** A row whose cells passed every check that needs no database. */
export interface CheckedRow {
  row: number;
  input: ImportRow;
  times: StatusTimes;
  caller: PartyMention;
  callee: PartyMention;
}

const SIDE_FIELDS = ['Name', 'Title', 'TimeZone', 'Ministry', 'MinistryShortName', 'Country'] as const;

/**
 * One side of a row whose party cells are all valid, even if other cells are
 * not: the parties are still matched, so a missing title is reported along
 * with a bad date in the same row.
 */
function mention(row: number, cells: Record<string, unknown>, side: 'caller' | 'callee'): PartyMention | undefined {
  const values: Partial<Record<(typeof SIDE_FIELDS)[number], string>> = {};
  for (const field of SIDE_FIELDS) {
    const cell = cells[`${side}${field}`];
    const parsed = ImportRow.shape[`${side}${field}`].safeParse(cell);
    if (parsed.success) values[field] = parsed.data;
    // A bad title, time zone or short name is reported by the row's own check;
    // standing in for it, the raw cell keeps a "required" error from doubling it.
    // (Nothing is stored from a file with errors.)
    else if (field === 'Title' || field === 'TimeZone' || field === 'MinistryShortName') values[field] = String(cell);
    else return undefined;
  }
  const { Name: name, Ministry: ministry, Country: country } = values;
  if (name === undefined || ministry === undefined || country === undefined) return undefined;
  return { row, side, name, title: values.Title, timeZone: values.TimeZone, ministry, ministryShortName: values.MinistryShortName, country };
}

/**
 * Everything about one row that needs no database, with the rules of
 * POST /calls: each field's schema, then the status/timestamp fit, order and
 * future skew (settleCallTimes), then caller ≠ callee. Returns the row when
 * it can be stored, and the parties it names whenever their cells are valid.
 */
function checkRow(row: number, cells: Record<string, unknown>, now: number, errors: ImportError[]) {
  const caller = mention(row, cells, 'caller');
  const callee = mention(row, cells, 'callee');
  const mentions = [caller, callee].filter((m) => m !== undefined);
  const same = caller && callee && caller.name === callee.name && caller.ministry === callee.ministry && caller.country === callee.country;
  const parsed = ImportRow.safeParse(cells);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = issuePath(issue.path) || null;
      const missing = column !== null && cells[column] === undefined;
      errors.push(importError(row, column, missing ? 'is required' : issue.message));
    }
  }
  if (same) errors.push(importError(row, 'calleeName', 'must be a different official from the caller'));
  if (!parsed.success || !caller || !callee) return { mentions };

  const input = parsed.data;
  const settled = settleNewCallTimes(input, now);
  for (const problem of settled.problems) errors.push(importError(row, problem.path, problem.message));
  if (settled.problems.length > 0 || same) return { mentions };
  const checked: CheckedRow = { row, input, times: settled.times, caller, callee };
  return { mentions, checked };
}

const columnOrder = new Map<string, number>(TRANSFER_COLUMNS.map((column, i) => [column, i]));

/** File-level problems first, then by row, then in the order of the columns. */
function byPlace(a: ImportError, b: ImportError): number {
  return (a.row ?? 0) - (b.row ?? 0) || (columnOrder.get(a.column ?? '') ?? -1) - (columnOrder.get(b.column ?? '') ?? -1);
}

const raced = () =>
  conflict('Someone added one of these ministries or officials while the file was being imported; nothing was imported, send the file again');

/**
 * Imports a file of calls: checks every row first and stores all or nothing.
 * Ministries are matched by (name, country) and officials by (name,
 * ministry); those not stored yet are added. Every created ministry,
 * official and call gets its history entry in the same transaction.
 */
export async function importCalls(deps: Deps, actor: CurrentUser, contentType: string, body: ArrayBuffer): Promise<ImportResult> {
  const raw = readImportBody(contentType, body);
  const now = deps.clock.now();
  const errors: ImportError[] = [];
  const results = raw.map(({ row, cells }) => checkRow(row, cells, now, errors));
  const checked = results.map((r) => r.checked).filter((r) => r !== undefined);

  return deps.db
    .transaction()
    .execute(async (trx) => {
      const parties = await resolveParties(trx, results.flatMap((r) => r.mentions), now, errors);
      if (errors.length > 0) throw importRefused(errors.sort(byPlace));

      // Empty notes and source become null, as in POST /calls.
      const calls = checked.map(({ input, times, caller, callee }) =>
        newCallRow(input, times, { callerId: parties.officialId(caller), calleeId: parties.officialId(callee) }, actor.username, now),
      );
      await insertMinistries(trx, parties.newMinistries.map((m) => m.row));
      await insertOfficials(trx, parties.newOfficials.map((o) => o.row));
      await insertCalls(trx, calls);

      const entry = (entityType: NewHistoryEntry['entityType'], entityId: string, after: object): NewHistoryEntry => ({
        at: now,
        actor: actor.username,
        action: 'create',
        entityType,
        entityId,
        before: null,
        after,
      });
      await appendHistoryEntries(trx, [
        ...parties.newMinistries.map((m) => entry('ministry', m.row.id, m.ministry)),
        ...parties.newOfficials.map((o) => entry('official', o.row.id, o.official)),
        ...calls.map((call) => entry('call', call.id, toCall(call, toParty(parties.party(call.caller_id)), toParty(parties.party(call.callee_id))))),
      ]);
      return { created: { calls: calls.length, ministries: parties.newMinistries.length, officials: parties.newOfficials.length } };
    })
    .catch(orThrow(isUniqueViolation, raced));
}
