import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Ministry } from '#shared/schemas/ministries.ts';
import type { Official } from '#shared/schemas/officials.ts';
import type { ImportError } from '#shared/schemas/transfer.ts';
import type { Database, MinistriesTable, OfficialsTable } from '../../db/schema.ts';
import { DEFAULT_CALENDAR_COLUMNS, toMinistry } from '../ministries/repository.ts';
import { type OfficialRow, toOfficial } from '../officials/repository.ts';
import { importError } from './parse.ts';
import { ministriesNamed, officialsNamed } from './repository.ts';

/** A caller or callee as one row of the file names them. */
export interface PartyMention {
  row: number;
  side: 'caller' | 'callee';
  name: string;
  title: string | undefined;
  timeZone: string | undefined;
  ministry: string;
  ministryShortName: string | undefined;
  country: string;
}

const ministryKey = (name: string, country: string) => JSON.stringify([name, country]);
const officialKey = (name: string, ministry: string, country: string) => JSON.stringify([name, ministry, country]);
const keyOfOfficial = (m: PartyMention) => officialKey(m.name, m.ministry, m.country);

/** A ministry or official the file names that is not stored yet, with where it was first named. */
interface Planned {
  first: PartyMention;
  id: string;
  shortName?: string | undefined;
  title?: string | undefined;
  timeZone?: string | undefined;
}

export interface ResolvedParties {
  newMinistries: { row: MinistriesTable; ministry: Ministry }[];
  newOfficials: { row: OfficialsTable; official: Official }[];
  officialId(mention: PartyMention): string;
  /** A stored or new official with their ministry, by id. */
  party(officialId: string): OfficialRow;
}

/**
 * Matches every caller and callee the rows name with the stored
 * ministries (by name and country) and officials (by name and ministry),
 * and plans the ones missing. A new one takes its short name, title and
 * time zone from the first row that gives them (a stored one keeps its own);
 * when no row does, the first row that names it gets the error.
 */
export async function resolveParties(
  db: Kysely<Database> | Transaction<Database>,
  mentions: readonly PartyMention[],
  now: number,
  errors: ImportError[],
): Promise<ResolvedParties> {

  const storedMinistries = new Map<string, MinistriesTable>();
  for (const m of await ministriesNamed(db, mentions.map((m) => m.ministry))) storedMinistries.set(ministryKey(m.name, m.country), m);
  const storedOfficials = new Map<string, OfficialRow>();
  for (const o of await officialsNamed(db, mentions.map((m) => m.name))) storedOfficials.set(officialKey(o.name, o.ministry_name, o.ministry_country), o);

  const plannedMinistries = new Map<string, Planned>();
  const plannedOfficials = new Map<string, Planned>();
  for (const m of mentions) {
    const mKey = ministryKey(m.ministry, m.country);
    if (!storedMinistries.has(mKey)) {
      const planned = plannedMinistries.get(mKey) ?? { first: m, id: randomUUID() };
      planned.shortName ??= m.ministryShortName;
      plannedMinistries.set(mKey, planned);
    }
    const oKey = keyOfOfficial(m);
    if (!storedOfficials.has(oKey)) {
      const planned = plannedOfficials.get(oKey) ?? { first: m, id: randomUUID() };
      planned.title ??= m.title;
      planned.timeZone ??= m.timeZone;
      plannedOfficials.set(oKey, planned);
    }
  }

  const newMinistries: ResolvedParties['newMinistries'] = [];
  const addedMinistries = new Map<string, MinistriesTable>();
  for (const [key, { first, id, shortName }] of plannedMinistries) {
    if (shortName === undefined) {
      errors.push(importError(first.row, `${first.side}MinistryShortName`, `is required to add the ministry "${first.ministry}" (${first.country}), which is not stored yet`));
      continue;
    }
    const row: MinistriesTable = { id, name: first.ministry, short_name: shortName, country: first.country, ...DEFAULT_CALENDAR_COLUMNS, created_at: now, updated_at: now };
    newMinistries.push({ row, ministry: toMinistry(row) });
    addedMinistries.set(key, row);
  }
  const ministryOf = (m: PartyMention): MinistriesTable | undefined => {
    const key = ministryKey(m.ministry, m.country);
    return storedMinistries.get(key) ?? addedMinistries.get(key);
  };

  const newOfficials: ResolvedParties['newOfficials'] = [];
  const parties = new Map<string, OfficialRow>([...storedOfficials.values()].map((o) => [o.id, o]));
  for (const { first, id, title, timeZone } of plannedOfficials.values()) {
    const what = `to add the official "${first.name}" of ${first.ministry}, who is not stored yet`;
    if (title === undefined) errors.push(importError(first.row, `${first.side}Title`, `is required ${what}`));
    if (timeZone === undefined) errors.push(importError(first.row, `${first.side}TimeZone`, `is required ${what}`));
    const ministry = ministryOf(first);
    if (title === undefined || timeZone === undefined || !ministry) continue;
    const row: OfficialsTable = { id, name: first.name, title, ministry_id: ministry.id, time_zone: timeZone, created_at: now, updated_at: now };
    const joined: OfficialRow = { ...row, ministry_name: ministry.name, ministry_short_name: ministry.short_name, ministry_country: ministry.country };
    parties.set(id, joined);
    newOfficials.push({ row, official: toOfficial(joined) });
  }

  return {
    newMinistries,
    newOfficials,
    officialId: (m) => storedOfficials.get(keyOfOfficial(m))?.id ?? plannedOfficials.get(keyOfOfficial(m))!.id,
    party: (officialId) => parties.get(officialId)!,
  };
}
