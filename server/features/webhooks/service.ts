import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { PageQuery } from '#shared/schemas/common.ts';
import type { Delivery, Webhook, WebhookCreate, WebhookCreated, WebhookPatch } from '#shared/schemas/webhooks.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import { newSecret } from '../../lib/secrets.ts';
import { BlockedAddressError, checkedAddresses, hostOf } from './address-guard.ts';
import { RETRY_WINDOW_MS, enqueueWebhookDelivery } from './enqueue.ts';
import {
  type WebhookRow,
  deleteWebhook as deleteWebhookRow,
  findDelivery,
  findWebhook,
  insertWebhook,
  listDeliveries as listDeliveryRows,
  listWebhooks as listWebhookRows,
  toDeliveries,
  toWebhooks,
  updateDelivery,
  updateWebhook,
} from './repository.ts';

/** Marks a Readout signing secret, so people and secret scanners can tell what it is. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/**
 * Refuses (422 naming `url`) a URL whose host is or resolves to an address
 * webhooks may not reach, or does not resolve at all. Checked again at every
 * try, since what a name resolves to can change.
 */
async function checkUrl(deps: Deps, url: string): Promise<void> {
  const host = hostOf(new URL(url));
  try {
    await checkedAddresses(host, deps.config.WEBHOOK_ALLOW_HOSTS);
  } catch (error) {
    if (error instanceof BlockedAddressError) throw invalid([{ path: 'url', message: error.message }]);
    const code = (error as NodeJS.ErrnoException).code ?? 'no address';
    throw invalid([{ path: 'url', message: `names a host that does not resolve (${host}: ${code})` }]);
  }
}

async function one(deps: Deps, row: WebhookRow): Promise<Webhook> {
  return (await toWebhooks(deps.db, [row]))[0]!;
}

async function existing(deps: Deps, id: string): Promise<WebhookRow> {
  const row = await findWebhook(deps.db, id);
  if (!row) throw notFound(`Webhook ${id}`);
  return row;
}

export async function createWebhook(deps: Deps, actor: CurrentUser, input: WebhookCreate): Promise<WebhookCreated> {
  await checkUrl(deps, input.url);
  const now = deps.clock.now();
  const secret = input.secret ?? newSecret(WEBHOOK_SECRET_PREFIX);
  const row: WebhookRow = {
    id: randomUUID(),
    url: input.url,
    secret,
    enabled: 1,
    disabled_reason: null,
    disabled_at: null,
    failing_since: null,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
  };
  await insertWebhook(deps.db, row);
  return { ...(await one(deps, row)), secret };
}

export function listWebhooks(deps: Deps, query: z.infer<typeof PageQuery>) {
  return listWebhookRows(deps.db, query);
}

export async function getWebhook(deps: Deps, id: string): Promise<Webhook> {
  return one(deps, await existing(deps, id));
}

/**
 * Enabling clears what the failures left (the reason, the failing streak);
 * disabling keeps pending deliveries, which go out when it is enabled again.
 */
export async function patchWebhook(deps: Deps, id: string, patch: WebhookPatch): Promise<Webhook> {
  const row = await existing(deps, id);
  if (patch.url !== undefined && patch.url !== row.url) await checkUrl(deps, patch.url);
  const now = deps.clock.now();
  const wasEnabled = Number(row.enabled) === 1;
  const set = {
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.secret !== undefined ? { secret: patch.secret } : {}),
    ...(patch.enabled === true && !wasEnabled ? { enabled: 1, disabled_reason: null, disabled_at: null, failing_since: null } : {}),
    ...(patch.enabled === false && wasEnabled ? { enabled: 0, disabled_reason: null, disabled_at: now } : {}),
  };
  if (Object.keys(set).length === 0) return one(deps, row);
  await updateWebhook(deps.db, id, { ...set, updated_at: now });
  return one(deps, await existing(deps, id));
}

export async function deleteWebhook(deps: Deps, id: string): Promise<void> {
  if (!(await deleteWebhookRow(deps.db, id))) throw notFound(`Webhook ${id}`);
}

export async function listDeliveries(deps: Deps, id: string, query: z.infer<typeof PageQuery>) {
  await existing(deps, id);
  return listDeliveryRows(deps.db, id, query);
}

function requireEnabled(row: WebhookRow): void {
  if (Number(row.enabled) !== 1) throw conflict('The webhook is disabled: enable it first');
}

/** Stores a `webhook.test` delivery (no rule, no call), sent like any other. */
export async function sendTestDelivery(deps: Deps, id: string): Promise<Delivery> {
  requireEnabled(await existing(deps, id));
  const now = deps.clock.now();
  const [deliveryId] = await deps.db.transaction().execute((trx) =>
    enqueueWebhookDelivery(trx, { id: randomUUID(), type: 'webhook.test', at: now, rule: null, call: null, webhookId: id }),
  );
  const row = deliveryId ? await findDelivery(deps.db, id, deliveryId) : undefined;
  if (!row) throw conflict('The webhook was disabled or deleted meanwhile');
  return (await toDeliveries(deps.db, [row]))[0]!;
}

/** Sends a delivery again now (the same body and event id), with a new 24-hour window of retries. */
export async function resendDelivery(deps: Deps, id: string, deliveryId: string): Promise<Delivery> {
  requireEnabled(await existing(deps, id));
  if (!(await findDelivery(deps.db, id, deliveryId))) throw notFound(`Delivery ${deliveryId} of webhook ${id}`);
  const now = deps.clock.now();
  await updateDelivery(deps.db, deliveryId, { state: 'pending', next_attempt_at: now, retry_until: now + RETRY_WINDOW_MS, lease_owner: null, lease_until: null, updated_at: now });
  return (await toDeliveries(deps.db, [(await findDelivery(deps.db, id, deliveryId))!]))[0]!;
}
