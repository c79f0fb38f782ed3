import { randomUUID } from 'node:crypto';
import { DEFAULT_WORKING_HOURS } from '#shared/domain/availability/working-hours.ts';
import type { HolidayList, HolidayQuery } from '#shared/schemas/availability.ts';
import type { Ministry, MinistryCreate, MinistryListQuery, MinistryPatch } from '#shared/schemas/ministries.ts';
import type { MinistriesTable } from '../../db/schema.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isForeignKeyViolation, isUniqueViolation, orThrow } from '../../lib/db-errors.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { appendHistory } from '../history/repository.ts';
import { holidaysOfMinistry } from './holidays.ts';
import {
  countOfficialsOf,
  deleteMinistryRow,
  findMinistry,
  findMinistryIdByName,
  insertMinistry,
  listMinistries as listRows,
  updateMinistryRow,
} from './repository.ts';

const duplicate = (name: string, country: string) =>
  conflict(`A ministry named "${name}" already exists in ${country}`, [
    { path: 'name', message: `is already the name of a ministry in ${country}` },
  ]);

const stillHasOfficials = (ministry: Ministry, count?: number) =>
  conflict(
    `${ministry.name} still has ${count === undefined ? '' : `${count} `}official${count === 1 ? '' : 's'}; delete them or move them to another ministry first`,
  );

export function listMinistries(deps: Deps, query: MinistryListQuery) {
  return listRows(deps.db, query);
}

export async function getMinistry(deps: Deps, id: string): Promise<Ministry> {
  const ministry = await findMinistry(deps.db, id);
  if (!ministry) throw notFound(`Ministry ${id}`);
  return ministry;
}

export async function listMinistryHolidays(deps: Deps, id: string, query: HolidayQuery): Promise<HolidayList> {
  return holidaysOfMinistry(await getMinistry(deps, id), query, deps.clock.now());
}

/** The check before the insert gives the clear answer; the unique key catches a concurrent twin. */
export async function createMinistry(deps: Deps, actor: CurrentUser, input: MinistryCreate): Promise<Ministry> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (await findMinistryIdByName(trx, input.name, input.country)) throw duplicate(input.name, input.country);
    const ministry = await insertMinistry(trx, {
      id: randomUUID(),
      name: input.name,
      short_name: input.shortName,
      country: input.country,
      working_hours: JSON.stringify(input.workingHours ?? DEFAULT_WORKING_HOURS),
      country_holidays: input.countryHolidays === false ? 0 : 1,
      extra_holidays: JSON.stringify([...(input.extraHolidays ?? [])].sort()),
      created_at: now,
      updated_at: now,
    }).catch(orThrow(isUniqueViolation, () => duplicate(input.name, input.country)));
    await appendHistory(trx, { at: now, actor: actor.username, action: 'create', entityType: 'ministry', entityId: ministry.id, before: null, after: ministry });
    return ministry;
  });
}

/** Changes only what differs; a patch that changes nothing is no write and no history. */
export async function updateMinistry(deps: Deps, actor: CurrentUser, id: string, patch: MinistryPatch): Promise<Ministry> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findMinistry(trx, id);
    if (!before) throw notFound(`Ministry ${id}`);
    const changes: Partial<Omit<MinistriesTable, 'id' | 'created_at' | 'updated_at'>> = {};
    if (patch.name !== undefined && patch.name !== before.name) changes.name = patch.name;
    if (patch.shortName !== undefined && patch.shortName !== before.shortName) changes.short_name = patch.shortName;
    if (patch.country !== undefined && patch.country !== before.country) changes.country = patch.country;
    const hours = patch.workingHours === undefined ? undefined : JSON.stringify(patch.workingHours);
    if (hours !== undefined && hours !== JSON.stringify(before.workingHours)) changes.working_hours = hours;
    if (patch.countryHolidays !== undefined && patch.countryHolidays !== before.countryHolidays) changes.country_holidays = patch.countryHolidays ? 1 : 0;
    const extra = patch.extraHolidays === undefined ? undefined : JSON.stringify([...patch.extraHolidays].sort());
    if (extra !== undefined && extra !== JSON.stringify(before.extraHolidays)) changes.extra_holidays = extra;
    if (Object.keys(changes).length === 0) return before;

    const name = changes.name ?? before.name;
    const country = changes.country ?? before.country;
    if ((changes.name || changes.country) && (await findMinistryIdByName(trx, name, country, id))) throw duplicate(name, country);
    const after = await updateMinistryRow(trx, id, { ...changes, updated_at: now }).catch(
      orThrow(isUniqueViolation, () => duplicate(name, country)),
    );
    await appendHistory(trx, { at: now, actor: actor.username, action: 'update', entityType: 'ministry', entityId: id, before, after });
    return after;
  });
}

export async function deleteMinistry(deps: Deps, actor: CurrentUser, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const ministry = await findMinistry(trx, id);
    if (!ministry) throw notFound(`Ministry ${id}`);
    const officials = await countOfficialsOf(trx, id);
    if (officials > 0) throw stillHasOfficials(ministry, officials);
    // An official added by another request since the count is caught by the foreign key.
    await deleteMinistryRow(trx, id).catch(orThrow(isForeignKeyViolation, () => stillHasOfficials(ministry)));
    await appendHistory(trx, { at: now, actor: actor.username, action: 'delete', entityType: 'ministry', entityId: id, before: ministry, after: null });
  });
}
