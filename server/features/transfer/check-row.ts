import type { StatusTimes } from '#shared/domain/call-status.ts';
import { ImportRow } from '#shared/schemas/transfer.ts';
import { issuePath } from '../../lib/validate.ts';
import { settleNewCallTimes } from '../calls/service.ts';
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

/**
 * One side of a row whose party cells are all valid, even if other cells are
 * not: the parties are still noted, so a missing title is reported along
 * with a bad date in the same row.
 */
function mention({ place, cells }: RawRow, side: 'caller' | 'callee'): PartyMention | undefined {
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
  const caller = mention(raw, 'caller');
  const callee = mention(raw, 'callee');
  if (onParty) for (const m of [caller, callee]) if (m) onParty(m);
  const same = caller && callee && caller.name === callee.name && caller.ministry === callee.ministry && caller.country === callee.country;
  const parsed = ImportRow.safeParse(cells);
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
  for (const problem of settled.problems) problems.add(place, problem.path, problem.message);
  if (settled.problems.length > 0 || same) return undefined;
  return { place, input, times: settled.times, caller, callee };
}
