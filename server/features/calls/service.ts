import type { Kysely, Transaction } from 'kysely';
import { clearedStatusTimeProblem, moveProblem, settleCallTimes, type FieldProblem } from '#shared/domain/call-status.ts';
import { promiseProblems } from '#shared/domain/promises.ts';
import type { AwaitingCall, AwaitingQuery, Call, CallListQuery, CallPatch, CallRecord, CallStatus } from '#shared/schemas/calls.ts';
import type { Party } from '#shared/schemas/officials.ts';
import type { Database } from '../../db/schema.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isForeignKeyViolation, orThrow } from '../../lib/db-errors.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { fromIso } from '../../lib/time.ts';
import { evaluateAfterChange } from '../alerts/evaluate.ts';
import { withAvailability, withWorkingMs } from '../availability/service.ts';
import { appendHistory, listHistory } from '../history/repository.ts';
import { roundExists } from '../rounds/repository.ts';
import { rememberResponse, replayOf, requestHash } from './idempotency.ts';
import { staleVersion } from './preconditions.ts';
import { type CallFields, type NewCall, type StoredCall, callExists, deleteCallRow, findCall, insertCall, listAwaiting, listCalls as listRows, newCallRow, storedText, updateCallFields } from './repository.ts';
import { findParties, toCall } from './call-records.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A stored call as the API answers it: with its wait in the callee's working time, derived now. */
async function answered(deps: Deps, call: CallRecord): Promise<Call> {
  return (await withWorkingMs(deps.db, [call], deps.clock.now()))[0]!;
}

export async function listCalls(deps: Deps, query: CallListQuery): Promise<{ items: Call[]; nextCursor: string | null }> {
  const result = await listRows(deps.db, query);
  return { items: await withWorkingMs(deps.db, result.items, deps.clock.now()), nextCursor: result.nextCursor };
}

export async function listAwaitingCalls(deps: Deps, query: AwaitingQuery): Promise<{ items: AwaitingCall[]; nextCursor: string | null }> {
  const now = deps.clock.now();
  const result = await listAwaiting(deps.db, query, now);
  return { items: await withAvailability(deps.db, result.items, now), nextCursor: result.nextCursor };
}

export async function getCall(deps: Deps, id: string): Promise<Call> {
  const found = await findCall(deps.db, id);
  if (!found) throw notFound(`Call ${id}`);
  return answered(deps, found.call);
}

/** A deleted call keeps its history, so the history answers 404 only for a call that never was. */
export async function callHistory(deps: Deps, id: string, query: { limit: number; cursor?: string | undefined }) {
  const result = await listHistory(deps.db, 'call', id, query);
  if (result.items.length === 0 && !query.cursor && !(await callExists(deps.db, id))) throw notFound(`Call ${id}`);
  return result;
}

/** A round a call is put in must exist (null takes it out of any). */
async function unknownRound(db: Db, roundId: string | null | undefined): Promise<FieldProblem[]> {
  if (roundId === undefined || roundId === null || (await roundExists(db, roundId))) return [];
  return [{ path: 'roundId', message: 'is not a known round' }];
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

/** The promise rules for a new call (POST /calls and each imported row). */
export function newPromiseProblems(input: Pick<NewCall, 'placedAt' | 'promisedBy' | 'acknowledgedAt'>, now: number): FieldProblem[] {
  const at = (iso: string | undefined) => (iso === undefined ? null : fromIso(iso));
  return promiseProblems({ placedAt: fromIso(input.placedAt), promisedBy: at(input.promisedBy), acknowledgedAt: at(input.acknowledgedAt) }, now);
}

export interface CreateResult {
  call: Call;
  /** True when this answers a retry: the call was stored by the first request with the same Idempotency-Key. */
  replayed: boolean;
}

/**
 * Logs a call. With an idempotency key, the key's record, the call and its
 * history entry commit in one transaction, and the key's primary key lets
 * only one of two concurrent twins write; the other answers as the first did.
 */
export async function createCall(deps: Deps, actor: CurrentUser, input: NewCall, idempotencyKey?: string): Promise<CreateResult> {
  const hash = requestHash(input);
  const replay = async () => {
    const stored = idempotencyKey ? await replayOf(deps.db, actor.id, idempotencyKey, hash) : undefined;
    // The stored answer is the call as stored; its working time is derived afresh.
    return stored ? { call: await answered(deps, stored.body as CallRecord), replayed: true } : undefined;
  };
  const first = await replay();
  if (first) return first;

  const now = deps.clock.now();
  const named = { callerId: input.callerId, calleeId: input.calleeId };
  const parties = await findParties(deps.db, [input.callerId, input.calleeId]);
  const settled = settleNewCallTimes(input, now);
  const problems = [
    ...unknownParties(parties, named),
    ...settled.problems,
    ...newPromiseProblems(input, now),
    ...(await unknownRound(deps.db, input.roundId)),
  ];
  if (problems.length > 0) throw invalid(problems);

  const row = newCallRow(input, settled.times, named, actor.username, now);
  const call = toCall(row, parties.get(input.callerId)!, parties.get(input.calleeId)!);
  // An official or round deleted since the check above: the foreign key says so.
  const partyGone = async () => {
    const gone = [...unknownParties(await findParties(deps.db, [input.callerId, input.calleeId]), named), ...(await unknownRound(deps.db, input.roundId))];
    return gone.length > 0 ? invalid(gone) : undefined;
  };
  const written = await deps.db
    .transaction()
    .execute(async (trx) => {
      if (idempotencyKey) {
        const response = { status: 201, body: call };
        if (!(await rememberResponse(trx, { userId: actor.id, key: idempotencyKey, hash, response, at: now }))) return false;
      }
      await insertCall(trx, row);
      await appendHistory(trx, { at: now, actor: actor.username, action: 'create', entityType: 'call', entityId: call.id, before: null, after: call });
      return true;
    })
    .catch(orThrow(isForeignKeyViolation, partyGone));
  if (written) {
    await evaluateAfterChange(deps, [call.id]);
    return { call: await answered(deps, call), replayed: false };
  }
  const twin = await replay();
  if (!twin) throw new Error(`Idempotency-Key ${idempotencyKey} is taken but holds no answer`);
  return twin;
}

/** The stored call, if the client has seen its current version: 404 or 412 otherwise. */
async function currentVersion(trx: Db, id: string, versions: readonly number[]): Promise<StoredCall> {
  const stored = await findCall(trx, id);
  if (!stored) throw notFound(`Call ${id}`);
  if (!versions.includes(stored.version)) throw staleVersion(stored.version);
  return stored;
}

/** An illegal status move is a conflict with the call's state (409), not bad input. */
function refuseIllegalMove(from: CallStatus, to: CallStatus): void {
  const move = moveProblem(from, to);
  if (move) throw conflict(`A ${from} call cannot become ${to}; reopen it (status awaiting) first`, [move]);
}

/** The patch laid over the stored fields, before the status rules settle the times. */
function mergePatch(stored: CallFields, patch: CallPatch): CallFields {
  const timeOf = (value: string | null | undefined, kept: number | null) => (value === undefined ? kept : value === null ? null : fromIso(value));
  return {
    callerId: patch.callerId ?? stored.callerId,
    calleeId: patch.calleeId ?? stored.calleeId,
    placedAt: patch.placedAt === undefined ? stored.placedAt : fromIso(patch.placedAt),
    channel: patch.channel ?? stored.channel,
    topic: patch.topic ?? stored.topic,
    notes: patch.notes === undefined ? stored.notes : storedText(patch.notes),
    source: patch.source === undefined ? stored.source : storedText(patch.source),
    status: patch.status ?? stored.status,
    respondedAt: timeOf(patch.respondedAt, stored.respondedAt),
    closedAt: timeOf(patch.closedAt, stored.closedAt),
    // Reopening clears the promise and its acknowledgement, unless the patch sets them anew.
    promisedBy: timeOf(patch.promisedBy, reopens(stored, patch) ? null : stored.promisedBy),
    acknowledgedAt: timeOf(patch.acknowledgedAt, reopens(stored, patch) ? null : stored.acknowledgedAt),
    roundId: patch.roundId === undefined ? stored.roundId : patch.roundId,
  };
}

/** A patch that moves a replied or withdrawn call back to awaiting. */
function reopens(stored: CallFields, patch: CallPatch): boolean {
  return patch.status === 'awaiting' && stored.status !== 'awaiting';
}

/**
 * The merged call checked as a whole, with its status times settled: the
 * parties the patch names exist and differ, and the times fit the status
 * (settleCallTimes); every problem found is reported at once (422).
 */
function settlePatchedCall(merged: CallFields, patch: CallPatch, from: CallStatus, parties: Map<string, Party>, now: number): CallFields {
  const problems: FieldProblem[] = unknownParties(parties, { callerId: patch.callerId, calleeId: patch.calleeId });
  if (merged.callerId === merged.calleeId) {
    const path = patch.calleeId === undefined ? 'callerId' : 'calleeId';
    problems.push({ path, message: `must be a different official from the ${path === 'calleeId' ? 'caller' : 'callee'}` });
  }
  const given = { respondedAt: patch.respondedAt !== undefined, closedAt: patch.closedAt !== undefined };
  const settled = settleCallTimes(merged, given, now);
  problems.push(...settled.problems, ...promiseProblems(merged, now));
  if (merged.status === from) {
    const cleared = clearedStatusTimeProblem(merged.status, { respondedAt: patch.respondedAt === null, closedAt: patch.closedAt === null });
    if (cleared) problems.push(cleared);
  }
  if (problems.length > 0) throw invalid(problems);
  return { ...merged, ...settled.times };
}

function differs(a: CallFields, b: CallFields): boolean {
  return (Object.keys(a) as (keyof CallFields)[]).some((key) => a[key] !== b[key]);
}

/**
 * Merges a patch into the stored call and checks the result as a whole. The
 * write happens only if the call still has a version the client named; a
 * patch that changes nothing stores nothing and leaves the version as it is.
 */
export async function updateCall(deps: Deps, actor: CurrentUser, id: string, patch: CallPatch, versions: number[]): Promise<Call> {
  const now = deps.clock.now();
  const after = await deps.db.transaction().execute(async (trx) => {
    const stored = await currentVersion(trx, id, versions);
    refuseIllegalMove(stored.fields.status, patch.status ?? stored.fields.status);
    const merged = mergePatch(stored.fields, patch);
    const parties = await findParties(trx, [merged.callerId, merged.calleeId]);
    const next = settlePatchedCall(merged, patch, stored.fields.status, parties, now);
    const noRound = await unknownRound(trx, patch.roundId);
    if (noRound.length > 0) throw invalid(noRound);
    if (!differs(stored.fields, next)) return stored.call;

    const sides = { caller: parties.get(next.callerId)!, callee: parties.get(next.calleeId)! };
    const after = await updateCallFields(trx, id, stored.version, next, now, sides, reopens(stored.fields, patch));
    if (!after) throw staleVersion((await findCall(trx, id))?.version ?? stored.version + 1);
    await appendHistory(trx, { at: now, actor: actor.username, action: 'update', entityType: 'call', entityId: id, before: stored.call, after });
    return after;
  });
  await evaluateAfterChange(deps, [id]);
  return answered(deps, after);
}

/** Deletes a call the client has seen in its current version; its history stays. */
export async function deleteCall(deps: Deps, actor: CurrentUser, id: string, versions: number[]): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const stored = await currentVersion(trx, id, versions);
    if (!(await deleteCallRow(trx, id, stored.version))) {
      const current = await findCall(trx, id);
      if (!current) throw notFound(`Call ${id}`);
      throw staleVersion(current.version);
    }
    await appendHistory(trx, { at: now, actor: actor.username, action: 'delete', entityType: 'call', entityId: id, before: stored.call, after: null });
  });
}
