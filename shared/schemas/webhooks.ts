import { z } from 'zod';
import { Id, PageQuery, Timestamp, listOf } from './common.ts';

/**
 * Where deliveries go: an absolute http(s) URL without a user name or
 * password (the signature is how a receiver knows the sender). Which hosts
 * it may reach is the server's check (private addresses are refused).
 */
export const WebhookUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute URL such as https://hooks.example.org/readout' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'must use http or https' });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
  })
  .meta({ description: 'Absolute http(s) URL the deliveries are POSTed to', example: 'https://hooks.example.org/readout' });

/** A signing secret chosen by the admin; printable ASCII so it copies cleanly between systems. */
export const WebhookSecret = z
  .string()
  .min(16, 'must be at least 16 characters')
  .max(256, 'must be at most 256 characters')
  .regex(/^[\x21-\x7e]+$/, 'may use printable ASCII characters only, no spaces')
  .meta({ description: 'HMAC-SHA256 key for `Readout-Signature`; generated when left out' });

export const Webhook = z
  .object({
    id: Id,
    url: z.string(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: 'Why Readout disabled it (24 hours of failed deliveries); null when enabled or disabled by an admin' }),
    disabledAt: Timestamp.nullable(),
    failingSince: Timestamp.nullable().meta({ description: 'The first failed try since the last successful one; null while deliveries succeed' }),
    lastAttempt: z
      .object({ at: Timestamp, statusCode: z.number().int().nullable(), ok: z.boolean() })
      .nullable()
      .meta({ description: 'The latest try of any delivery' }),
    pending: z.number().int().meta({ description: 'Deliveries still to be sent or retried' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;

export const WebhookCreated = Webhook.extend({
  secret: z.string().meta({ description: 'The signing secret, shown in this answer only' }),
}).meta({ id: 'WebhookCreated' });
export type WebhookCreated = z.infer<typeof WebhookCreated>;

export const WebhookCreate = z.strictObject({ url: WebhookUrl, secret: WebhookSecret.optional() }).meta({ id: 'WebhookCreate' });
export type WebhookCreate = z.infer<typeof WebhookCreate>;

export const WebhookPatch = z
  .strictObject({ url: WebhookUrl, secret: WebhookSecret, enabled: z.boolean() })
  .partial()
  .meta({ id: 'WebhookPatch' });
export type WebhookPatch = z.infer<typeof WebhookPatch>;

export const WebhookList = listOf(Webhook).meta({ id: 'WebhookList' });

export const DeliveryState = z.enum(['pending', 'delivered', 'failed']).meta({ id: 'DeliveryState' });

export const DeliveryAttempt = z
  .object({
    attempt: z.number().int().meta({ description: 'From 1' }),
    at: Timestamp,
    durationMs: z.number().int(),
    statusCode: z.number().int().nullable().meta({ description: 'The receiver’s HTTP status; null when it gave none (refused, timed out, blocked)' }),
    error: z.string().nullable().meta({ description: 'Why the try failed; null when it succeeded' }),
    nextRetryAt: Timestamp.nullable().meta({ description: 'When the next try was scheduled; null after a success or the last try' }),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const Delivery = z
  .object({
    id: Id,
    webhookId: Id,
    eventId: z.string().meta({ description: 'The `id` of the body: the same for every try and every resend' }),
    type: z.string().meta({ description: '`alert.<kind>`, or `webhook.test`' }),
    state: DeliveryState,
    nextAttemptAt: Timestamp.nullable(),
    retryUntil: Timestamp.meta({ description: 'Tries stop after this (24 hours after it was stored or resent)' }),
    createdAt: Timestamp,
    attempts: z.array(DeliveryAttempt).meta({ description: 'Every try, oldest first' }),
  })
  .meta({ id: 'WebhookDelivery' });
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryList = listOf(Delivery).meta({ id: 'WebhookDeliveryList' });
export const DeliveryListQuery = PageQuery;
export const DeliveryParam = z.strictObject({ id: Id, deliveryId: Id });
