import { randomUUID } from 'node:crypto';
import { isBeyondFutureSkew, MAX_FUTURE_SKEW_MS } from '#shared/domain/call-status.ts';
import type { Attempt, AttemptCreate } from '#shared/schemas/rounds.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { fromIso } from '../../lib/time.ts';
import { evaluateAfterChange } from '../alerts/evaluate.ts';
import { appendHistory } from '../history/repository.ts';
import { countAttempt, insertAttempt, listAttemptRows, lockCall, toAttempt } from './attempts-repository.ts';
import { staleVersion } from './preconditions.ts';
import { callExists, findCall, storedText } from './repository.ts';
import { toCall } from './call-records.ts';

/** Why an attempt's time does not fit its call, or null when it does: it lies in [placedAt, respondedAt ?? closedAt ?? now]. */
export function attemptTimeProblem(at: number, call: { placedAt: number; respondedAt: number | null; closedAt: number | null }, now: number): string | null {
  if (at < call.placedAt) return 'must not be before the call was placed (the first try)';
  if (isBeyondFutureSkew(at, now)) return `must not be more than ${MAX_FUTURE_SKEW_MS / 60_000} minutes in the future of the server's clock`;
  const end = call.respondedAt ?? call.closedAt;
  if (end !== null && at > end) return call.respondedAt !== null ? 'must not be after the reply (respondedAt)' : 'must not be after the call was closed (closedAt)';
  return null;
}

/**
 * Records another try to reach a call's callee. The attempt, the call's next
 * version (one more try, its latest try) and the history entry commit
 * together; the event stream says call.updated. No duration changes: they
 * all run from placedAt, the first try.
 */
export async function createAttempt(deps: Deps, actor: CurrentUser, callId: string, input: AttemptCreate): Promise<Attempt> {
  const now = deps.clock.now();
  const at = fromIso(input.at);
  const attempt = await deps.db.transaction().execute(async (trx) => {
    await lockCall(trx, callId);
    const stored = await findCall(trx, callId);
    if (!stored) throw notFound(`Call ${callId}`);
    const problem = attemptTimeProblem(at, stored.fields, now);
    if (problem) throw invalid([{ path: 'at', message: problem }]);

    const row = { id: randomUUID(), call_id: callId, at, channel: input.channel, notes: storedText(input.notes), created_at: now, created_by: actor.username };
    await insertAttempt(trx, row);
    const updated = await countAttempt(trx, callId, stored.version, at, now);
    if (!updated) throw staleVersion((await findCall(trx, callId))?.version ?? stored.version + 1);
    const after = toCall(updated, stored.call.caller, stored.call.callee);
    await appendHistory(trx, { at: now, actor: actor.username, action: 'update', entityType: 'call', entityId: callId, before: stored.call, after });
    return toAttempt(row);
  });
  await evaluateAfterChange(deps, [callId]);
  return attempt;
}

/** A call's attempts after the first try, oldest first; a call that does not exist (or was deleted) is a 404. */
export async function listAttempts(deps: Deps, callId: string, query: { limit: number; cursor?: string | undefined }) {
  if (!(await callExists(deps.db, callId))) throw notFound(`Call ${callId}`);
  return listAttemptRows(deps.db, callId, query);
}

