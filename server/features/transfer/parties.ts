import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Ministry } from '#shared/schemas/ministries.ts';
import type { Official } from '#shared/schemas/officials.ts';
import type { Database, MinistriesTable, OfficialsTable } from '../../db/schema.ts';
import { toMinistry } from '../ministries/repository.ts';
import { type OfficialRow, toOfficial } from '../officials/repository.ts';
import { type ImportProblems, type Place, refusedFor } from './problems.ts';
import { ministriesNamed, officialsNamed } from './repository.ts';

/** A caller or callee as one row of the file names them. */
export interface PartyMention {
  place: Place;
  side: 'caller' | 'callee';
  name: string;
  title: string | undefined;
  timeZone: string | undefined;
  ministry: string;
  ministryShortName: string | undefined;
  country: string;
}

/** Different officials one file may name: far more than any foreign service has, and a bound on what the import holds in memory. */
export const MAX_IMPORT_OFFICIALS = 100_000;

const ministryKey = (name: string, country: string) => JSON.stringify([name, country]);
const officialKey = (m: Pick<PartyMention, 'name' | 'ministry' | 'country'>) => JSON.stringify([m.name, m.ministry, m.country]);

/** A ministry or official the file names, with where it was first named and the details the rows give. */
interface Named {
  first: PartyMention;
  shortName?: string | undefined;
  title?: string | undefined;
  timeZone?: string | undefined;
}

/**
 * Every ministry and official a file names, gathered row by row while the
 * file is read (the rows themselves are not kept). A party not stored yet
 * takes its short name, title and time zone from the first row that gives
 * them, wherever in the file that is.
 */
export class PartyBook {
  readonly ministries = new Map<string, Named>();
  readonly officials = new Map<string, Named>();

  note(m: PartyMention): void {
    const mKey = ministryKey(m.ministry, m.country);
    const ministry = this.ministries.get(mKey) ?? { first: m };
    ministry.shortName ??= m.ministryShortName;
    this.ministries.set(mKey, ministry);
    const oKey = officialKey(m);
    let official = this.officials.get(oKey);
    if (!official) {
      if (this.officials.size >= MAX_IMPORT_OFFICIALS) {
        throw refusedFor(m.place, `${m.side}Name`, `names more than ${MAX_IMPORT_OFFICIALS} different officials; split the file`);
      }
      official = { first: m };
      this.officials.set(oKey, official);
    }
    official.title ??= m.title;
    official.timeZone ??= m.timeZone;
  }
}

export interface ResolvedParties {
  newMinistries: { row: MinistriesTable; ministry: Ministry }[];
  newOfficials: { row: OfficialsTable; official: Official }[];
  officialId(mention: PartyMention): string;
  /** A stored or new official with their ministry, by id. */
  party(officialId: string): OfficialRow;
}

/**
 * Matches the ministries (by name and country) and officials (by name and
 * ministry) a file names with the stored ones, and plans the ones missing.
 * When no row gives what a new one needs, the first row that names it gets
 * the problem.
 */
export async function resolveParties(
  db: Kysely<Database> | Transaction<Database>,
  book: PartyBook,
  now: number,
  problems: ImportProblems,
): Promise<ResolvedParties> {
  const named = [...book.officials.values()].map((o) => o.first);
  const storedMinistries = new Map<string, MinistriesTable>();
  for (const m of await ministriesNamed(db, named.map((m) => m.ministry))) storedMinistries.set(ministryKey(m.name, m.country), m);
  const storedOfficials = new Map<string, OfficialRow>();
  for (const o of await officialsNamed(db, named.map((m) => m.name))) storedOfficials.set(officialKey({ name: o.name, ministry: o.ministry_name, country: o.ministry_country }), o);

  const newMinistries: ResolvedParties['newMinistries'] = [];
  const addedMinistries = new Map<string, MinistriesTable>();
  for (const [key, { first, shortName }] of book.ministries) {
    if (storedMinistries.has(key)) continue;
    if (shortName === undefined) {
      problems.add(first.place, `${first.side}MinistryShortName`, `is required to add the ministry "${first.ministry}" (${first.country}), which is not stored yet`);
      continue;
    }
    const row: MinistriesTable = { id: randomUUID(), name: first.ministry, short_name: shortName, country: first.country, created_at: now, updated_at: now };
    newMinistries.push({ row, ministry: toMinistry(row) });
    addedMinistries.set(key, row);
  }

  const newOfficials: ResolvedParties['newOfficials'] = [];
  const ids = new Map<string, string>();
  const parties = new Map<string, OfficialRow>([...storedOfficials.values()].map((o) => [o.id, o]));
  for (const [key, { first, title, timeZone }] of book.officials) {
    const stored = storedOfficials.get(key);
    if (stored) {
      ids.set(key, stored.id);
      continue;
    }
    const what = `to add the official "${first.name}" of ${first.ministry}, who is not stored yet`;
    if (title === undefined) problems.add(first.place, `${first.side}Title`, `is required ${what}`);
    if (timeZone === undefined) problems.add(first.place, `${first.side}TimeZone`, `is required ${what}`);
    const mKey = ministryKey(first.ministry, first.country);
    const ministry = storedMinistries.get(mKey) ?? addedMinistries.get(mKey);
    if (title === undefined || timeZone === undefined || !ministry) continue;
    const row: OfficialsTable = { id: randomUUID(), name: first.name, title, ministry_id: ministry.id, time_zone: timeZone, created_at: now, updated_at: now };
    const joined: OfficialRow = { ...row, ministry_name: ministry.name, ministry_short_name: ministry.short_name, ministry_country: ministry.country };
    ids.set(key, row.id);
    parties.set(row.id, joined);
    newOfficials.push({ row, official: toOfficial(joined) });
  }

  return {
    newMinistries,
    newOfficials,
    officialId: (m) => ids.get(officialKey(m))!,
    party: (officialId) => parties.get(officialId)!,
  };
}
