import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { type FieldProblem, isBeyondFutureSkew, MAX_FUTURE_SKEW_MS } from '#shared/domain/call-status.ts';
import { EMPTY_SUMMARY } from '#shared/domain/rounds/summary.ts';
import type { CallRecord } from '#shared/schemas/calls.ts';
import type { RoundCreate} from '#shared/schemas/rounds.ts';
import { type Round, type RoundDetail, type RoundListQuery, type RoundPatch, type RoundRecord } from '#shared/schemas/rounds.ts';
import type { z } from 'zod';
import type { CallsTable, Database, RoundsTable } from '../../db/schema.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isForeignKeyViolation, orThrow } from '../../lib/db-errors.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { fromIso } from '../../lib/time.ts';
import { evaluateAfterChange } from '../alerts/evaluate.ts';
import { newCallRow, storedText } from '../calls/repository.ts';
import { findParties, toCall } from '../calls/call-records.ts';
import { staleVersion } from '../calls/preconditions.ts';
import { settleNewCallTimes } from '../calls/service.ts';
import { type NewHistoryEntry, appendHistory, appendHistoryEntries, listHistory } from '../history/repository.ts';
import { releaseRoundCalls, roundCalls } from './round-calls.ts';
import {
  type RoundFields,
  type StoredRound,
  deleteRoundRow,
  findRound,
  insertRound,
  listRoundRows,
  roundExists,
  roundSummaries,
  toRound,
  updateRoundRow,
} from './repository.ts';

type Db = Kysely<Database> | Transaction<Database>;
type NewRound = z.output<typeof RoundCreate>;

/** Every round of the page with its summary: the summaries take two grouped queries for the whole page, not one per round. */
export async function listRounds(deps: Deps, query: RoundListQuery): Promise<{ items: Round[]; nextCursor: string | null }> {
  const now = deps.clock.now();
  const result = await listRoundRows(deps.db, query);
  const summaries = await roundSummaries(deps.db, result.items.map((r) => r.id), now);
  return { items: result.items.map((round) => ({ ...round, summary: summaries.get(round.id) ?? EMPTY_SUMMARY })), nextCursor: result.nextCursor };
}

async function detailOf(db: Db, round: RoundRecord, now: number): Promise<RoundDetail> {
  const summaries = await roundSummaries(db, [round.id], now);
  return { ...round, summary: summaries.get(round.id) ?? EMPTY_SUMMARY, calls: await roundCalls(db, round.id, now) };
}

export async function getRound(deps: Deps, id: string): Promise<RoundDetail> {
  const found = await findRound(deps.db, id);
  if (!found) throw notFound(`Round ${id}`);
  return detailOf(deps.db, found.round, deps.clock.now());
}

/** A deleted round keeps its history, so the history answers 404 only for a round that never was. */
export async function roundHistory(deps: Deps, id: string, query: { limit: number; cursor?: string | undefined }) {
  const result = await listHistory(deps.db, 'round', id, query);
  if (result.items.length === 0 && !query.cursor && !(await roundExists(deps.db, id))) throw notFound(`Round ${id}`);
  return result;
}

const FUTURE = `must not be more than ${MAX_FUTURE_SKEW_MS / 60_000} minutes in the future of the server's clock`;

/**
 * Logs a round and all its calls in one transaction, with a history entry for
 * the round and one per call: bad input anywhere stores nothing at all.
 * Each call defaults to the round's triggerAt (or now), the phone, the
 * round's trigger as its topic; its caller is the initiator.
 */
export async function createRound(deps: Deps, actor: CurrentUser, input: NewRound): Promise<RoundDetail> {
  const now = deps.clock.now();
  const triggerAt = input.triggerAt === undefined ? null : fromIso(input.triggerAt);
  const problems: FieldProblem[] = [];
  if (triggerAt !== null && isBeyondFutureSkew(triggerAt, now)) problems.push({ path: 'triggerAt', message: FUTURE });
  const calls = input.calls ?? [];
  const parties = await findParties(deps.db, [...(input.initiatorId ? [input.initiatorId] : []), ...calls.map((c) => c.calleeId)]);
  if (input.initiatorId !== undefined && !parties.has(input.initiatorId)) problems.push({ path: 'initiatorId', message: 'is not a known official' });

  const round: RoundsTable = {
    id: randomUUID(),
    title: input.title ?? input.trigger,
    trigger: input.trigger,
    trigger_at: triggerAt,
    initiator_id: input.initiatorId ?? null,
    notes: storedText(input.notes),
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: actor.username,
  };
  const rows: CallsTable[] = [];
  calls.forEach((call, i) => {
    if (!parties.has(call.calleeId)) problems.push({ path: `calls.${i}.calleeId`, message: 'is not a known official' });
    const placedAt = call.placedAt ?? new Date(triggerAt ?? now).toISOString();
    const settled = settleNewCallTimes({ status: 'awaiting', placedAt }, now);
    problems.push(...settled.problems.map((p) => ({ ...p, path: `calls.${i}.${p.path}` })));
    const input_ = { channel: call.channel ?? 'phone', topic: call.topic ?? input.trigger, roundId: round.id } as const;
    rows.push(newCallRow(input_, settled.times, { callerId: input.initiatorId!, calleeId: call.calleeId }, actor.username, now));
  });
  if (problems.length > 0) throw invalid(problems);

  const record = toRound(round, input.initiatorId ? parties.get(input.initiatorId)! : null);
  const callRecords: CallRecord[] = rows.map((row) => toCall(row, parties.get(row.caller_id)!, parties.get(row.callee_id)!));
  // An official deleted since the check above: the foreign key says so.
  const partyGone = async () => {
    const still = await findParties(deps.db, [...parties.keys()]);
    const gone = [...parties.keys()].filter((id) => !still.has(id));
    if (gone.length === 0) return undefined;
    return invalid(
      gone.flatMap((id) => [
        ...(id === input.initiatorId ? [{ path: 'initiatorId', message: 'is not a known official' }] : []),
        ...calls.flatMap((c, i) => (c.calleeId === id ? [{ path: `calls.${i}.calleeId`, message: 'is not a known official' }] : [])),
      ]),
    );
  };
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await insertRound(trx, round);
      await appendHistory(trx, { at: now, actor: actor.username, action: 'create', entityType: 'round', entityId: round.id, before: null, after: record });
      if (rows.length > 0) await trx.insertInto('calls').values(rows).execute();
      const entries: NewHistoryEntry[] = callRecords.map((call) => ({ at: now, actor: actor.username, action: 'create', entityType: 'call', entityId: call.id, before: null, after: call }));
      await appendHistoryEntries(trx, entries);
    })
    .catch(orThrow(isForeignKeyViolation, partyGone));
  if (rows.length > 0) await evaluateAfterChange(deps, rows.map((r) => r.id));
  return detailOf(deps.db, record, deps.clock.now());
}

async function currentVersion(trx: Db, id: string, versions: readonly number[]): Promise<StoredRound> {
  const stored = await findRound(trx, id);
  if (!stored) throw notFound(`Round ${id}`);
  if (!versions.includes(stored.version)) throw staleVersion(stored.version, 'round');
  return stored;
}

function mergePatch(stored: RoundFields, patch: RoundPatch): RoundFields {
  return {
    title: patch.title ?? stored.title,
    trigger: patch.trigger ?? stored.trigger,
    triggerAt: patch.triggerAt === undefined ? stored.triggerAt : patch.triggerAt === null ? null : fromIso(patch.triggerAt),
    initiatorId: patch.initiatorId === undefined ? stored.initiatorId : patch.initiatorId,
    notes: patch.notes === undefined ? stored.notes : storedText(patch.notes),
  };
}

/** Changes a round's own fields (not its calls, which move with PATCH /calls/:id); a patch that changes nothing stores nothing. */
export async function updateRound(deps: Deps, actor: CurrentUser, id: string, patch: RoundPatch, versions: number[]): Promise<RoundDetail> {
  const now = deps.clock.now();
  const after = await deps.db.transaction().execute(async (trx) => {
    const stored = await currentVersion(trx, id, versions);
    const next = mergePatch(stored.fields, patch);
    const problems: FieldProblem[] = [];
    if (next.triggerAt !== null && patch.triggerAt && isBeyondFutureSkew(next.triggerAt, now)) problems.push({ path: 'triggerAt', message: FUTURE });
    const initiator = next.initiatorId ? (await findParties(trx, [next.initiatorId])).get(next.initiatorId) : null;
    if (next.initiatorId && !initiator) problems.push({ path: 'initiatorId', message: 'is not a known official' });
    if (problems.length > 0) throw invalid(problems);
    if ((Object.keys(next) as (keyof RoundFields)[]).every((key) => next[key] === stored.fields[key])) return stored.round;

    const row = await updateRoundRow(trx, id, stored.version, next, now);
    if (!row) throw staleVersion((await findRound(trx, id))?.version ?? stored.version + 1, 'round');
    const record = toRound(row, initiator ?? null);
    await appendHistory(trx, { at: now, actor: actor.username, action: 'update', entityType: 'round', entityId: id, before: stored.round, after: record });
    return record;
  });
  return detailOf(deps.db, after, deps.clock.now());
}

/** Deletes a round the client has seen in its current version. Its calls stay, out of any round, each with a history entry saying so. */
export async function deleteRound(deps: Deps, actor: CurrentUser, id: string, versions: number[]): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const stored = await currentVersion(trx, id, versions);
    await releaseRoundCalls(trx, id, actor.username, now);
    if (!(await deleteRoundRow(trx, id, stored.version))) {
      const current = await findRound(trx, id);
      if (!current) throw notFound(`Round ${id}`);
      throw staleVersion(current.version, 'round');
    }
    await appendHistory(trx, { at: now, actor: actor.username, action: 'delete', entityType: 'round', entityId: id, before: stored.round, after: null });
  });
}
