import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { isReplied, moveProblem, settleCallTimes, type FieldProblem, type StatusTimes } from '#shared/domain/call-status.ts';
import type { AwaitingQuery, Call, CallCreate, CallListQuery, CallPatch, CallStatus } from '#shared/schemas/calls.ts';
import type { Party } from '#shared/schemas/officials.ts';
import type { CallsTable } from '../../db/schema.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../lib/db-errors.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { fromIso } from '../../lib/time.ts';
import { appendHistory, listHistory } from '../history/repository.ts';
import { rememberResponse, replayOf, requestHash } from './idempotency.ts';
import { staleVersion } from './preconditions.ts';
import {
  type CallChanges,
  callExists,
  deleteCallRow,
  findCall,
  findParties,
  insertCall,
  listAwaiting,
  listCalls as listRows,
  toCall,
  updateCallRow,
} from './repository.ts';

/** A create request after validation (defaults applied). */
export type NewCall = z.output<typeof CallCreate>;

export function listCalls(deps: Deps, query: CallListQuery) {
  return listRows(deps.db, query);
}

export function listAwaitingCalls(deps: Deps, query: AwaitingQuery) {
  return listAwaiting(deps.db, query, deps.clock.now());
}

export async function getCall(deps: Deps, id: string): Promise<Call> {
  const found = await findCall(deps.db, id);
  if (!found) throw notFound(`Call ${id}`);
  return found.call;
}

/** A deleted call keeps its history, so the history answers 404 only for a call that never was. */
export async function callHistory(deps: Deps, id: string, query: { limit: number; cursor?: string | undefined }) {
  const result = await listHistory(deps.db, 'call', id, query);
  if (result.items.length === 0 && !query.cursor && !(await callExists(deps.db, id))) throw notFound(`Call ${id}`);
  return result;
}

/** Empty text in an optional field means "none". */
function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

/** The stored row of a new call, from its checked fields and settled times; the import builds its rows with it too. */
export function newCallRow(
  input: Pick<NewCall, 'channel' | 'topic' | 'notes' | 'source'>,
  times: StatusTimes,
  parties: { callerId: string; calleeId: string },
  createdBy: string,
  now: number,
): CallsTable {
  return {
    id: randomUUID(),
    caller_id: parties.callerId,
    callee_id: parties.calleeId,
    placed_at: times.placedAt,
    channel: input.channel,
    topic: input.topic,
    notes: textOrNull(input.notes),
    source: textOrNull(input.source),
    status: times.status,
    responded_at: times.respondedAt,
    closed_at: times.closedAt,
    version: 1,
    created_at: now,
    updated_at: now,
    created_by: createdBy,
  };
}

function unknownParties(parties: Map<string, Party>, named: Partial<Record<'callerId' | 'calleeId', string>>): FieldProblem[] {
  return Object.entries(named)
    .filter(([, id]) => id !== undefined && !parties.has(id))
    .map(([path]) => ({ path, message: 'is not a known official' }));
}

/**
 * A new call's status and timestamps from its validated input: the missing
 * timestamp filled in, and every rule checked (see settleCallTimes). The
 * import checks its rows with the same verb.
 */
export function settleNewCallTimes(input: Pick<NewCall, 'status' | 'placedAt' | 'respondedAt' | 'closedAt'>, now: number) {
  return settleCallTimes(
    {
      status: input.status,
      placedAt: fromIso(input.placedAt),
      respondedAt: input.respondedAt === undefined ? null : fromIso(input.respondedAt),
      closedAt: input.closedAt === undefined ? null : fromIso(input.closedAt),
    },
    { respondedAt: input.respondedAt !== undefined, closedAt: input.closedAt !== undefined },
    now,
  );
}

export interface CreateResult {
  call: Call;
  /** True when this answers a retry: the call was stored by the first request with the same Idempotency-Key. */
  replayed: boolean;
}

/**
 * Logs a call. With an idempotency key, the key's record, the call and its
 * history entry commit in one transaction, and the key's primary key lets
 * only one of two concurrent twins commit; the other answers as the first did.
 */
export async function createCall(deps: Deps, actor: CurrentUser, input: NewCall, idempotencyKey?: string): Promise<CreateResult> {
  const hash = requestHash(input);
  const replay = async () => {
    const stored = idempotencyKey ? await replayOf(deps.db, actor.id, idempotencyKey, hash) : undefined;
    return stored ? { call: stored.body as Call, replayed: true } : undefined;
  };
  const first = await replay();
  if (first) return first;

  const now = deps.clock.now();
  const named = { callerId: input.callerId, calleeId: input.calleeId };
  const parties = await findParties(deps.db, [input.callerId, input.calleeId]);
  const settled = settleNewCallTimes(input, now);
  const problems = [...unknownParties(parties, named), ...settled.problems];
  if (problems.length > 0) throw invalid(problems);

  const row = newCallRow(input, settled.times, named, actor.username, now);
  const call = toCall(row, parties.get(row.caller_id)!, parties.get(row.callee_id)!);

  try {
    await deps.db.transaction().execute(async (trx) => {
      if (idempotencyKey) {
        await rememberResponse(trx, { userId: actor.id, key: idempotencyKey, hash, response: { status: 201, body: call }, at: now });
      }
      await insertCall(trx, row);
      await appendHistory(trx, { at: now, actor: actor.username, action: 'create', entityType: 'call', entityId: call.id, before: null, after: call });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const twin = await replay();
      if (twin) return twin;
    }
    if (isForeignKeyViolation(error)) {
      // An official deleted since the check above.
      const gone = unknownParties(await findParties(deps.db, [input.callerId, input.calleeId]), named);
      if (gone.length > 0) throw invalid(gone);
    }
    throw error;
  }
  return { call, replayed: false };
}

/**
 * Merges a patch into the stored call and checks the result as a whole. The
 * write happens only if the call still has a version the client named; a
 * patch that changes nothing stores nothing and leaves the version as it is.
 */
export async function updateCall(deps: Deps, actor: CurrentUser, id: string, patch: CallPatch, versions: number[]): Promise<Call> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const stored = await findCall(trx, id);
    if (!stored) throw notFound(`Call ${id}`);
    const { row, call: before } = stored;
    if (!versions.includes(row.version)) throw staleVersion(row.version);

    const from = row.status as CallStatus;
    const status = patch.status ?? from;
    const move = moveProblem(from, status);
    if (move) throw conflict(`A ${from} call cannot become ${status}; reopen it (status awaiting) first`, [move]);

    const callerId = patch.callerId ?? row.caller_id;
    const calleeId = patch.calleeId ?? row.callee_id;
    const problems: FieldProblem[] = [];
    const parties = await findParties(trx, [callerId, calleeId]);
    problems.push(...unknownParties(parties, { callerId: patch.callerId, calleeId: patch.calleeId }));
    if (callerId === calleeId) {
      const path = patch.calleeId === undefined ? 'callerId' : 'calleeId';
      problems.push({ path, message: `must be a different official from the ${path === 'calleeId' ? 'caller' : 'callee'}` });
    }
    const timeOf = (value: string | null | undefined, storedValue: number | null) =>
      value === undefined ? storedValue : value === null ? null : fromIso(value);
    const settled = settleCallTimes(
      {
        status,
        placedAt: patch.placedAt === undefined ? row.placed_at : fromIso(patch.placedAt),
        respondedAt: timeOf(patch.respondedAt, row.responded_at),
        closedAt: timeOf(patch.closedAt, row.closed_at),
      },
      { respondedAt: patch.respondedAt !== undefined, closedAt: patch.closedAt !== undefined },
      now,
    );
    problems.push(...settled.problems);
    // Clearing the timestamp a call keeps its status by would otherwise quietly become "now".
    if (status === from && patch.respondedAt === null && isReplied(status)) {
      problems.push({ path: 'respondedAt', message: `is required for a ${status} call; to clear it, reopen the call (status awaiting)` });
    }
    if (status === from && patch.closedAt === null && status === 'withdrawn') {
      problems.push({ path: 'closedAt', message: 'is required for a withdrawn call; to clear it, reopen the call (status awaiting)' });
    }
    if (problems.length > 0) throw invalid(problems);

    const next: Omit<CallChanges, 'version' | 'updated_at'> = {
      caller_id: callerId,
      callee_id: calleeId,
      placed_at: settled.times.placedAt,
      channel: patch.channel ?? row.channel,
      topic: patch.topic ?? row.topic,
      notes: patch.notes === undefined ? row.notes : textOrNull(patch.notes),
      source: patch.source === undefined ? row.source : textOrNull(patch.source),
      status: settled.times.status,
      responded_at: settled.times.respondedAt,
      closed_at: settled.times.closedAt,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).some((key) => next[key] !== row[key]);
    if (!changed) return before;

    const written = await updateCallRow(trx, id, row.version, { ...next, version: row.version + 1, updated_at: now });
    if (!written) throw staleVersion((await findCall(trx, id))?.call.version ?? row.version + 1);
    // The row as written, with the parties read above: no second read of the call.
    const after = toCall({ ...row, ...next, version: row.version + 1, updated_at: now }, parties.get(callerId)!, parties.get(calleeId)!);
    await appendHistory(trx, { at: now, actor: actor.username, action: 'update', entityType: 'call', entityId: id, before, after });
    return after;
  });
}

/** Deletes a call the client has seen in its current version; its history stays. */
export async function deleteCall(deps: Deps, actor: CurrentUser, id: string, versions: number[]): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const stored = await findCall(trx, id);
    if (!stored) throw notFound(`Call ${id}`);
    if (!versions.includes(stored.row.version)) throw staleVersion(stored.row.version);
    if (!(await deleteCallRow(trx, id, stored.row.version))) {
      const current = await findCall(trx, id);
      if (!current) throw notFound(`Call ${id}`);
      throw staleVersion(current.row.version);
    }
    await appendHistory(trx, { at: now, actor: actor.username, action: 'delete', entityType: 'call', entityId: id, before: stored.call, after: null });
  });
}
