import type { Kysely, Transaction } from 'kysely';
import type { AlertChannel, AlertKind, AlertRule } from '#shared/schemas/alerts.ts';
import type { Database } from '../../db/schema.ts';
import type { AlertRulesTable } from '../../db/schema-alerts.ts';
import { toIso, toIsoOrNull } from '../../lib/time.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The one place a stored rule becomes the API's AlertRule. */
export function toRule(row: AlertRulesTable): AlertRule {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as AlertKind,
    thresholdMs: row.threshold_ms === null ? null : Number(row.threshold_ms),
    ministryId: row.ministry_id,
    roundId: row.round_id,
    channels: JSON.parse(row.channels) as AlertChannel[],
    webhookId: row.webhook_id,
    ownerId: row.owner_id,
    enabled: row.enabled === 1,
    lastFiredAt: toIsoOrNull(row.last_fired_at === null ? null : Number(row.last_fired_at)),
    createdAt: toIso(Number(row.created_at)),
    updatedAt: toIso(Number(row.updated_at)),
  };
}

/** A rule's own fields as columns. */
export type RuleColumns = Pick<AlertRulesTable, 'name' | 'kind' | 'threshold_ms' | 'ministry_id' | 'round_id' | 'channels' | 'webhook_id' | 'enabled'>;

export function ruleColumns(rule: Pick<AlertRule, 'name' | 'kind' | 'thresholdMs' | 'ministryId' | 'roundId' | 'channels' | 'webhookId' | 'enabled'>): RuleColumns {
  return {
    name: rule.name,
    kind: rule.kind,
    threshold_ms: rule.thresholdMs,
    ministry_id: rule.ministryId,
    round_id: rule.roundId,
    channels: JSON.stringify(rule.channels),
    webhook_id: rule.webhookId,
    enabled: rule.enabled ? 1 : 0,
  };
}

/** Every rule, or only one owner's, oldest first. */
export async function listRuleRows(db: Db, ownerId?: string): Promise<AlertRule[]> {
  let q = db.selectFrom('alert_rules').selectAll().orderBy('created_at', 'asc').orderBy('id', 'asc');
  if (ownerId !== undefined) q = q.where('owner_id', '=', ownerId);
  return (await q.execute()).map(toRule);
}

export async function enabledRules(db: Db): Promise<AlertRule[]> {
  return (await db.selectFrom('alert_rules').selectAll().where('enabled', '=', 1).orderBy('created_at', 'asc').execute()).map(toRule);
}

export async function findRule(db: Db, id: string): Promise<AlertRule | undefined> {
  const row = await db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRule(row) : undefined;
}

export async function insertRule(db: Db, row: AlertRulesTable): Promise<void> {
  await db.insertInto('alert_rules').values(row).execute();
}

export async function updateRule(db: Db, id: string, columns: RuleColumns, updatedAt: number): Promise<AlertRule> {
  const row = await db.updateTable('alert_rules').set({ ...columns, updated_at: updatedAt }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  return toRule(row);
}

export async function deleteRule(db: Db, id: string): Promise<void> {
  await db.deleteFrom('alert_rules').where('id', '=', id).execute();
}

export async function ministryExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('ministries').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
