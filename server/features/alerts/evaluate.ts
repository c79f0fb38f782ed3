import { randomUUID } from 'node:crypto';
import { REPLIED_STATUSES } from '#shared/domain/call-status.ts';
import type { AlertRule } from '#shared/schemas/alerts.ts';
import type { CallRecord, CallStatus } from '#shared/schemas/calls.ts';
import type { Deps } from '../../lib/context.ts';
import { toIso } from '../../lib/time.ts';
import { withWorkingMs } from '../availability/service.ts';
import { fromJoined, selectCalls } from '../calls/call-records.ts';
import { waitShares } from '../stats/service.ts';
import { type CallFacts, type WaitShare, conditionHolds, inScope } from './conditions.ts';
import { dispatch } from './dispatch.ts';
import { enabledRules } from './rules-repository.ts';

/** How far back the scheduler looks for replies (the change itself evaluates at once; this catches what it missed). */
const REPLY_WINDOW_MS = 24 * 3600_000;
/** Ids per `in (…)` list. */
const CHUNK = 500;

interface Candidate {
  facts: CallFacts;
  record: CallRecord;
}

async function candidates(deps: Deps, now: number, callIds?: readonly string[]): Promise<Candidate[]> {
  const rows = [];
  if (callIds) {
    for (let i = 0; i < callIds.length; i += CHUNK) rows.push(...(await selectCalls(deps.db).where('calls.id', 'in', callIds.slice(i, i + CHUNK)).execute()));
  } else {
    rows.push(
      ...(await selectCalls(deps.db)
        .where((eb) =>
          eb.or([
            eb('calls.status', '=', 'awaiting'),
            eb.and([eb('calls.status', 'in', [...REPLIED_STATUSES]), eb('calls.updated_at', '>=', now - REPLY_WINDOW_MS)]),
          ]),
        )
        .execute()),
    );
  }
  return rows.map((row) => ({
    record: fromJoined(row),
    facts: {
      id: row.id,
      status: row.status as CallStatus,
      placedAt: Number(row.placed_at),
      promisedBy: row.promised_by == null ? null : Number(row.promised_by),
      updatedAt: Number(row.updated_at),
      calleeMinistryId: row.callee_ministry_id,
      roundId: row.round_id ?? null,
      episode: Number(row.episode ?? 0),
    },
  }));
}

/** The board's wait figure for the open calls an unusual_wait rule may look at. */
async function sharesFor(deps: Deps, rules: AlertRule[], calls: Candidate[]): Promise<Map<string, WaitShare>> {
  const open = calls.filter((c) => c.facts.status === 'awaiting' && rules.some((r) => r.kind === 'unusual_wait' && inScope(r, c.facts)));
  if (open.length === 0) return new Map();
  const { shares } = await waitShares(deps, open.map((c) => ({ id: c.facts.id, ministryId: c.facts.calleeMinistryId, placedAt: c.facts.placedAt })));
  return new Map([...shares].map(([id, s]) => [id, { share: s.share?.share ?? null, ministryCalls: s.record?.calls ?? 0 }]));
}

const keyOf = (ruleId: string, callId: string, kind: string, episode: number) => `${ruleId}|${callId}|${kind}|${episode}`;

/** The firings already stored for these calls, as keys. */
async function firedKeys(deps: Deps, callIds: string[]): Promise<Set<string>> {
  const keys = new Set<string>();
  for (let i = 0; i < callIds.length; i += CHUNK) {
    const rows = await deps.db.selectFrom('alert_firings').select(['rule_id', 'call_id', 'kind', 'episode']).where('call_id', 'in', callIds.slice(i, i + CHUNK)).execute();
    for (const r of rows) keys.add(keyOf(r.rule_id, r.call_id, r.kind, Number(r.episode)));
  }
  return keys;
}

/**
 * Stores the firing under its unique key (rule, call, kind, episode) and
 * delivers it on the rule's channels, in one transaction. Another instance
 * (or an earlier run) that stored the same key first wins: the insert does
 * nothing, and nothing is delivered twice.
 */
async function fire(deps: Deps, rule: AlertRule, candidate: Candidate, now: number): Promise<boolean> {
  // Read before the transaction: on SQLite a read on the database handle would wait for the transaction's own connection.
  const [call] = await withWorkingMs(deps.db, [candidate.record], now);
  const id = randomUUID();
  return deps.db.transaction().execute(async (trx) => {
    const stored = await trx
      .insertInto('alert_firings')
      .values({ id, rule_id: rule.id, call_id: candidate.facts.id, kind: rule.kind, episode: candidate.facts.episode, fired_at: now })
      .onConflict((oc) => oc.columns(['rule_id', 'call_id', 'kind', 'episode']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!stored) return false;
    await trx.updateTable('alert_rules').set({ last_fired_at: now }).where('id', '=', rule.id).execute();
    await dispatch(deps, trx, { id, type: `alert.${rule.kind}`, at: now, rule: { ...rule, lastFiredAt: toIso(now) }, call: call!, ownerId: rule.ownerId });
    return true;
  });
}

/**
 * Evaluates every enabled rule against the calls named (a change just
 * written) or, without names, against every open call and the recent
 * replies (the scheduler). Answers how many firings this run stored.
 */
export async function evaluateAlerts(deps: Deps, callIds?: readonly string[]): Promise<number> {
  const rules = await enabledRules(deps.db);
  if (rules.length === 0 || callIds?.length === 0) return 0;
  const now = deps.clock.now();
  const calls = await candidates(deps, now, callIds);
  const shares = await sharesFor(deps, rules, calls);
  const due: { rule: AlertRule; candidate: Candidate }[] = [];
  for (const candidate of calls) {
    for (const rule of rules) {
      if (inScope(rule, candidate.facts) && conditionHolds(rule, candidate.facts, now, shares.get(candidate.facts.id))) due.push({ rule, candidate });
    }
  }
  if (due.length === 0) return 0;
  const fired = await firedKeys(deps, [...new Set(due.map((d) => d.candidate.facts.id))]);
  let count = 0;
  for (const { rule, candidate } of due) {
    if (fired.has(keyOf(rule.id, candidate.facts.id, rule.kind, candidate.facts.episode))) continue;
    try {
      if (await fire(deps, rule, candidate, now)) count += 1;
    } catch (error) {
      // A rule or call deleted meanwhile (its foreign key), or a database fault: the next run tries again.
      console.warn(`alerts: firing rule ${rule.id} for call ${candidate.facts.id} failed`, error);
    }
  }
  return count;
}

/** After a call was written: its rules are evaluated now; a failure is left to the scheduler, never to the write. */
export async function evaluateAfterChange(deps: Deps, callIds: readonly string[]): Promise<void> {
  try {
    await evaluateAlerts(deps, callIds);
  } catch (error) {
    console.warn('alerts: evaluating a change failed; the scheduler will try again', error);
  }
}
