import type { CallRecord } from '#shared/schemas/calls.ts';
import type { Ministry } from '#shared/schemas/ministries.ts';
import type { Official, Party } from '#shared/schemas/officials.ts';
import type { Database } from '../db/schema.ts';
import { toCall } from '../features/calls/call-records.ts';
import { toMinistry } from '../features/ministries/repository.ts';
import { type OfficialRow as JoinedOfficialRow, toOfficial, toParty } from '../features/officials/repository.ts';

// The seed writes rows directly (it must be fast), but its audit entries must
// read like the API's own: `after` is the object as the API returns it, made
// by the features' own mappers.

export type MinistryRow = Database['ministries'];
export type OfficialRow = Database['officials'];
export type CallRow = Database['calls'];

function joined(row: OfficialRow, ministry: MinistryRow): JoinedOfficialRow {
  return { ...row, ministry_name: ministry.name, ministry_short_name: ministry.short_name, ministry_country: ministry.country };
}

export function ministryShape(row: MinistryRow): Ministry {
  return toMinistry(row);
}

export function officialShape(row: OfficialRow, ministry: MinistryRow): Official {
  return toOfficial(joined(row, ministry));
}

export function partyShape(row: OfficialRow, ministry: MinistryRow): Party {
  return toParty(joined(row, ministry));
}

export function callShape(row: CallRow, caller: Party, callee: Party): CallRecord {
  return toCall(row, caller, callee);
}
