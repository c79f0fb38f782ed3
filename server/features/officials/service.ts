import { randomUUID } from 'node:crypto';
import type { Official, OfficialContactQuery, OfficialCreate, OfficialListQuery, OfficialPatch } from '#shared/schemas/officials.ts';
import type { OfficialsTable } from '../../db/schema.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isForeignKeyViolation, isUniqueViolation, orThrow } from '../../lib/db-errors.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { appendHistory } from '../history/repository.ts';
import { roundTitlesInitiatedBy } from '../rounds/repository.ts';
import { listContacts } from './contacts.ts';
import {
  countCallsOf,
  deleteOfficialRow,
  findOfficial,
  findOfficialIdByName,
  insertOfficialRow,
  listOfficials as listRows,
  ministryExists,
  updateOfficialRow,
} from './repository.ts';

const duplicate = (name: string) =>
  conflict(`An official named "${name}" already exists in this ministry`, [
    { path: 'name', message: 'is already the name of an official in this ministry' },
  ]);

const unknownMinistry = (ministryId: string) =>
  invalid([{ path: 'ministryId', message: `is not a known ministry (${ministryId})` }]);

const stillInCalls = (official: Official, count?: number) =>
  conflict(
    `${official.name} is the caller or callee of ${count === undefined ? 'logged calls' : `${count} logged call${count === 1 ? '' : 's'}`}; delete those calls first, so the log never points at someone unknown`,
  );

export function listOfficials(deps: Deps, query: OfficialListQuery) {
  return listRows(deps.db, query);
}

export async function getOfficial(deps: Deps, id: string): Promise<Official> {
  const official = await findOfficial(deps.db, id);
  if (!official) throw notFound(`Official ${id}`);
  return official;
}

export async function listOfficialContacts(deps: Deps, id: string, query: OfficialContactQuery) {
  await getOfficial(deps, id);
  return listContacts(deps.db, id, query);
}

export async function createOfficial(deps: Deps, actor: CurrentUser, input: OfficialCreate): Promise<Official> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await ministryExists(trx, input.ministryId))) throw unknownMinistry(input.ministryId);
    if (await findOfficialIdByName(trx, input.name, input.ministryId)) throw duplicate(input.name);
    const id = randomUUID();
    await insertOfficialRow(trx, {
      id,
      name: input.name,
      title: input.title,
      ministry_id: input.ministryId,
      time_zone: input.timeZone,
      created_at: now,
      updated_at: now,
    })
      // A lost race with another request: a twin added meanwhile, or the ministry deleted.
      .catch(orThrow(isUniqueViolation, () => duplicate(input.name)))
      .catch(orThrow(isForeignKeyViolation, () => unknownMinistry(input.ministryId)));
    const official = (await findOfficial(trx, id))!;
    await appendHistory(trx, { at: now, actor: actor.username, action: 'create', entityType: 'official', entityId: id, before: null, after: official });
    return official;
  });
}

/** Changes only what differs; a patch that changes nothing is no write and no history. */
export async function updateOfficial(deps: Deps, actor: CurrentUser, id: string, patch: OfficialPatch): Promise<Official> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findOfficial(trx, id);
    if (!before) throw notFound(`Official ${id}`);
    const changes: Partial<Pick<OfficialsTable, 'name' | 'title' | 'ministry_id' | 'time_zone'>> = {};
    if (patch.name !== undefined && patch.name !== before.name) changes.name = patch.name;
    if (patch.title !== undefined && patch.title !== before.title) changes.title = patch.title;
    if (patch.ministryId !== undefined && patch.ministryId !== before.ministryId) changes.ministry_id = patch.ministryId;
    if (patch.timeZone !== undefined && patch.timeZone !== before.timeZone) changes.time_zone = patch.timeZone;
    if (Object.keys(changes).length === 0) return before;

    const name = changes.name ?? before.name;
    const ministryId = changes.ministry_id ?? before.ministryId;
    if (changes.ministry_id && !(await ministryExists(trx, ministryId))) throw unknownMinistry(ministryId);
    if ((changes.name || changes.ministry_id) && (await findOfficialIdByName(trx, name, ministryId, id))) throw duplicate(name);
    await updateOfficialRow(trx, id, { ...changes, updated_at: now })
      .catch(orThrow(isUniqueViolation, () => duplicate(name)))
      .catch(orThrow(isForeignKeyViolation, () => unknownMinistry(ministryId)));
    const after = (await findOfficial(trx, id))!;
    await appendHistory(trx, { at: now, actor: actor.username, action: 'update', entityType: 'official', entityId: id, before, after });
    return after;
  });
}

export async function deleteOfficial(deps: Deps, actor: CurrentUser, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const official = await findOfficial(trx, id);
    if (!official) throw notFound(`Official ${id}`);
    const calls = await countCallsOf(trx, id);
    if (calls > 0) throw stillInCalls(official, calls);
    const rounds = await roundTitlesInitiatedBy(trx, id);
    if (rounds.length > 0) {
      throw conflict(`${official.name} is the initiator of ${rounds.length} round${rounds.length === 1 ? '' : 's'} (${rounds.slice(0, 3).map((t) => `"${t}"`).join(', ')}); give those rounds another initiator or none first`);
    }
    // A call logged by another request since the count is caught by the foreign key.
    await deleteOfficialRow(trx, id).catch(orThrow(isForeignKeyViolation, () => stillInCalls(official)));
    await appendHistory(trx, { at: now, actor: actor.username, action: 'delete', entityType: 'official', entityId: id, before: official, after: null });
  });
}
