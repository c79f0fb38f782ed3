import { randomUUID } from 'node:crypto';
import type { Absence, AbsenceCreate, AbsenceListQuery, AbsencePatch } from '#shared/schemas/availability.ts';
import type { Kysely, Transaction } from 'kysely';
import type { AbsencesTable, Database } from '../../db/schema.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { fromIso } from '../../lib/time.ts';
import { appendHistory } from '../history/repository.ts';
import { deleteAbsenceRow, findAbsence, insertAbsenceRow, listAbsenceRows, officialExists, updateAbsenceRow } from './absences-repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

async function requireOfficial(db: Db, id: string): Promise<void> {
  if (!(await officialExists(db, id))) throw notFound(`Official ${id}`);
}

async function requireAbsence(db: Db, officialId: string, id: string): Promise<Absence> {
  const absence = await findAbsence(db, officialId, id);
  if (!absence) {
    await requireOfficial(db, officialId);
    throw notFound(`Absence ${id} of official ${officialId}`);
  }
  return absence;
}

export async function listAbsences(deps: Deps, officialId: string, query: AbsenceListQuery) {
  await requireOfficial(deps.db, officialId);
  return listAbsenceRows(deps.db, officialId, query, deps.clock.now());
}

export function getAbsence(deps: Deps, officialId: string, id: string): Promise<Absence> {
  return requireAbsence(deps.db, officialId, id);
}

export async function createAbsence(deps: Deps, actor: CurrentUser, officialId: string, input: AbsenceCreate): Promise<Absence> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await requireOfficial(trx, officialId);
    const absence = await insertAbsenceRow(trx, {
      id: randomUUID(),
      official_id: officialId,
      from_at: fromIso(input.from),
      to_at: fromIso(input.to),
      reason: input.reason,
      source: input.source || null,
      created_at: now,
      updated_at: now,
    });
    await appendHistory(trx, { at: now, actor: actor.username, action: 'create', entityType: 'absence', entityId: absence.id, before: null, after: absence });
    return absence;
  });
}

/** Changes only what differs; `to` must stay after `from`, checked against the stored values too. */
export async function updateAbsence(deps: Deps, actor: CurrentUser, officialId: string, id: string, patch: AbsencePatch): Promise<Absence> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await requireAbsence(trx, officialId, id);
    const changes: Partial<Pick<AbsencesTable, 'from_at' | 'to_at' | 'reason' | 'source'>> = {};
    if (patch.from !== undefined && fromIso(patch.from) !== fromIso(before.from)) changes.from_at = fromIso(patch.from);
    if (patch.to !== undefined && fromIso(patch.to) !== fromIso(before.to)) changes.to_at = fromIso(patch.to);
    if (patch.reason !== undefined && patch.reason !== before.reason) changes.reason = patch.reason;
    const source = patch.source === undefined ? undefined : patch.source || null;
    if (source !== undefined && source !== before.source) changes.source = source;
    if (Object.keys(changes).length === 0) return before;
    const from = changes.from_at ?? fromIso(before.from);
    const to = changes.to_at ?? fromIso(before.to);
    if (to <= from) {
      throw invalid([{ path: patch.to !== undefined ? 'to' : 'from', message: patch.to !== undefined ? `must be after from (${new Date(from).toISOString()})` : `must be before to (${new Date(to).toISOString()})` }]);
    }
    const after = await updateAbsenceRow(trx, id, { ...changes, updated_at: now });
    await appendHistory(trx, { at: now, actor: actor.username, action: 'update', entityType: 'absence', entityId: id, before, after });
    return after;
  });
}

export async function deleteAbsence(deps: Deps, actor: CurrentUser, officialId: string, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const absence = await requireAbsence(trx, officialId, id);
    await deleteAbsenceRow(trx, id);
    await appendHistory(trx, { at: now, actor: actor.username, action: 'delete', entityType: 'absence', entityId: id, before: absence, after: null });
  });
}
