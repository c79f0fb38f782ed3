import { randomUUID } from 'node:crypto';
import { type AlertRule, type AlertRulePatch, type NewAlertRule, alertRuleProblems } from '#shared/schemas/alerts.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { type FieldError, invalid, notFound } from '../../lib/errors.ts';
import { roundExists } from '../rounds/repository.ts';
import { deleteRule, findRule, insertRule, listRuleRows, ministryExists, ruleColumns, updateRule } from './rules-repository.ts';

type RuleFields = Pick<AlertRule, 'name' | 'kind' | 'thresholdMs' | 'ministryId' | 'roundId' | 'channels' | 'webhookId' | 'enabled'>;

/** Each analyst sees and edits their own rules; admins see and edit everyone's. */
const seesAll = (actor: CurrentUser) => actor.role === 'admin';

export function listRules(deps: Deps, actor: CurrentUser): Promise<AlertRule[]> {
  return listRuleRows(deps.db, seesAll(actor) ? undefined : actor.id);
}

/** Another analyst's rule answers 404, as if it did not exist: its existence is theirs. */
export async function getRule(deps: Deps, actor: CurrentUser, id: string): Promise<AlertRule> {
  const rule = await findRule(deps.db, id);
  if (!rule || (!seesAll(actor) && rule.ownerId !== actor.id)) throw notFound(`Alert rule ${id}`);
  return rule;
}

/**
 * The rule's fields checked together, and the ministry and round it names
 * checked to exist. A round deleted since the rule was made is only refused
 * when a change names it again (`checkRound`), so the rule stays editable.
 */
async function check(deps: Deps, fields: RuleFields, checkRound = true): Promise<void> {
  const problems: FieldError[] = alertRuleProblems(fields);
  if (fields.ministryId !== null && !(await ministryExists(deps.db, fields.ministryId))) problems.push({ path: 'ministryId', message: 'is not a known ministry' });
  if (checkRound && fields.roundId !== null && !(await roundExists(deps.db, fields.roundId))) problems.push({ path: 'roundId', message: 'is not a known round' });
  if (problems.length > 0) throw invalid(problems);
}

export async function createRule(deps: Deps, actor: CurrentUser, parsed: NewAlertRule): Promise<AlertRule> {
  const fields: RuleFields = {
    name: parsed.name,
    kind: parsed.kind,
    thresholdMs: parsed.thresholdMs ?? null,
    ministryId: parsed.ministryId ?? null,
    roundId: parsed.roundId ?? null,
    channels: parsed.channels,
    webhookId: parsed.webhookId ?? null,
    enabled: parsed.enabled,
  };
  await check(deps, fields);
  const now = deps.clock.now();
  const id = randomUUID();
  await insertRule(deps.db, { id, ...ruleColumns(fields), owner_id: actor.id, last_fired_at: null, created_at: now, updated_at: now });
  return (await findRule(deps.db, id))!;
}

/**
 * The patch laid over the stored rule and checked as a whole. Changing the
 * kind away from wait_exceeds drops its threshold unless the patch names one.
 */
export async function patchRule(deps: Deps, actor: CurrentUser, id: string, patch: AlertRulePatch): Promise<AlertRule> {
  const stored = await getRule(deps, actor, id);
  const kind = patch.kind ?? stored.kind;
  const keptThreshold = kind === 'wait_exceeds' ? stored.thresholdMs : null;
  const channels = patch.channels ?? stored.channels;
  const fields: RuleFields = {
    name: patch.name ?? stored.name,
    kind,
    thresholdMs: patch.thresholdMs === undefined ? keptThreshold : patch.thresholdMs,
    ministryId: patch.ministryId === undefined ? stored.ministryId : patch.ministryId,
    roundId: patch.roundId === undefined ? stored.roundId : patch.roundId,
    channels,
    webhookId: patch.webhookId === undefined ? (channels.includes('webhook') ? stored.webhookId : null) : patch.webhookId,
    enabled: patch.enabled ?? stored.enabled,
  };
  await check(deps, fields, fields.roundId !== stored.roundId);
  return updateRule(deps.db, id, ruleColumns(fields), deps.clock.now());
}

export async function removeRule(deps: Deps, actor: CurrentUser, id: string): Promise<void> {
  await getRule(deps, actor, id);
  await deleteRule(deps.db, id);
}
