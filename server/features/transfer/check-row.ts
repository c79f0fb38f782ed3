import type { StatusTimes } from '#shared/domain/call-status.ts';
import { ImportRow } from '#shared/schemas/transfer.ts';
import { issuePath } from '../../lib/validate.ts';
import { newPromiseProblems, settleNewCallTimes } from '../calls/service.ts';
import { cellMessage } from './messages.ts';
import type { PartyMention } from './parties.ts';
import type { ImportProblems } from './problems.ts';
import type { RawRow } from './read-rows.ts';

/** A row whose cells passed every check that needs no database. */
export interface CheckedRow {
  place: RawRow['place'];
  input: ImportRow;
  times: StatusTimes;
  caller: PartyMention;
  callee: PartyMention;
}

const SIDE_FIELDS = ['Name', 'Title', 'TimeZone', 'Ministry', 'MinistryShortName', 'Country'] as const;
type SideField = (typeof SIDE_FIELDS)[number];
/** Cells a new party needs only to be added: a bad one is reported by the row's own check. */
const DETAILS = new Set<SideField>(['Title', 'TimeZone', 'MinistryShortName']);

/**
 * One side of a row whose naming cells are valid, even if other cells are
 * not: the party is still noted, so a missing title is reported along with
 * a bad date in the same row. `parsed` is the row when it passed whole (the
 * usual case: nothing is parsed twice); otherwise each cell of the side is
 * checked on its own.
 */
function mention({ place, cells }: RawRow, side: 'caller' | 'callee', parsed: ImportRow | undefined): PartyMention | undefined {
  const values: Partial<Record<SideField, string>> = {};
  for (const field of SIDE_FIELDS) {
    const column = `${side}${field}` as const;
    if (parsed) {
      values[field] = parsed[column];
      continue;
    }
    const cell = ImportRow.shape[column].safeParse(cells[column]);
    if (cell.success) values[field] = cell.data;
    // Standing in for a bad detail, the raw cell keeps a "required" error from doubling
    // the row's own. (Nothing is stored from a file with errors.)
    else if (DETAILS.has(field)) values[field] = String(cells[column]);
    else return undefined;
  }
  const { Name: name, Ministry: ministry, Country: country } = values;
  if (name === undefined || ministry === undefined || country === undefined) return undefined;
  return { place, side, name, title: values.Title, timeZone: values.TimeZone, ministry, ministryShortName: values.MinistryShortName, country };
}

/**
 * Everything about one row that needs no database, with the rules of
 * POST /calls: each field's schema, then the status/timestamp fit, order and
 * future skew (settleCallTimes), then caller ≠ callee. Returns the row when
 * it can be stored; `onParty` hears of every party whose cells are valid.
 */
export function checkRow(raw: RawRow, now: number, problems: ImportProblems, onParty?: (mention: PartyMention) => void): CheckedRow | undefined {
  const { place, cells } = raw;
  const parsed = ImportRow.safeParse(cells);
  const caller = mention(raw, 'caller', parsed.data);
  const callee = mention(raw, 'callee', parsed.data);
  if (onParty) for (const m of [caller, callee]) if (m) onParty(m);
  const same = caller && callee && caller.name === callee.name && caller.ministry === callee.ministry && caller.country === callee.country;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = issuePath(issue.path) || null;
      problems.add(place, column, cellMessage(issue, column === null ? cells : cells[column]));
    }
  }
  if (same) problems.add(place, 'calleeName', 'must be a different official from the caller');
  if (!parsed.success || !caller || !callee) return undefined;

  const input = parsed.data;
  const settled = settleNewCallTimes(input, now);
  const all = [...settled.problems, ...newPromiseProblems(input, now)];
  for (const problem of all) problems.add(place, problem.path, problem.message);
  if (all.length > 0 || same) return undefined;
  return { place, input, times: settled.times, caller, callee };
}
