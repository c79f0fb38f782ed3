import { meta, z } from './zod.ts';
import { Id, PageQuery, Timestamp, listOf } from './common.ts';

/**
 * Where deliveries go: an absolute http(s) URL without a user name or
 * password (the signature is how a receiver knows the sender). Which hosts
 * it may reach is the server's check (private addresses are refused).
 */
export const WebhookUrl = meta(
  z.string().check(
    z.trim(),
    z.maxLength(2048, 'must be at most 2048 characters'),
    z.superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an absolute URL such as https://hooks.example.org/readout' });
        return;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'must use http or https' });
      else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
    }),
  ),
  { description: 'Absolute http(s) URL the deliveries are POSTed to', example: 'https://hooks.example.org/readout' },
);

/** A signing secret chosen by the admin; printable ASCII so it copies cleanly between systems. */
export const WebhookSecret = meta(
  z
    .string()
    .check(
      z.minLength(16, 'must be at least 16 characters'),
      z.maxLength(256, 'must be at most 256 characters'),
      z.regex(/^[\x21-\x7e]+$/, 'may use printable ASCII characters only, no spaces'),
    ),
  { description: 'HMAC-SHA256 key for `Readout-Signature`; generated when left out' },
);

export const Webhook = meta(
  z.object({
    id: Id,
    url: z.string(),
    enabled: z.boolean(),
    disabledReason: meta(z.nullable(z.string()), {
      description: 'Why Readout disabled it (24 hours of failed deliveries); null when enabled or disabled by an admin',
    }),
    disabledAt: z.nullable(Timestamp),
    failingSince: meta(z.nullable(Timestamp), { description: 'The first failed try since the last successful one; null while deliveries succeed' }),
    lastAttempt: meta(z.nullable(z.object({ at: Timestamp, statusCode: z.nullable(z.number().check(z.int())), ok: z.boolean() })), {
      description: 'The latest try of any delivery',
    }),
    pending: meta(z.number().check(z.int()), { description: 'Deliveries still to be sent or retried' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { id: 'Webhook' },
);
export type Webhook = z.infer<typeof Webhook>;

export const WebhookCreated = meta(
  z.extend(Webhook, {
    secret: meta(z.string(), { description: 'The signing secret, shown in this answer only' }),
  }),
  { id: 'WebhookCreated' },
);
export type WebhookCreated = z.infer<typeof WebhookCreated>;

export const WebhookCreate = meta(z.strictObject({ url: WebhookUrl, secret: z.optional(WebhookSecret) }), { id: 'WebhookCreate' });
export type WebhookCreate = z.infer<typeof WebhookCreate>;

export const WebhookPatch = meta(z.partial(z.strictObject({ url: WebhookUrl, secret: WebhookSecret, enabled: z.boolean() })), { id: 'WebhookPatch' });
export type WebhookPatch = z.infer<typeof WebhookPatch>;

export const WebhookList = meta(listOf(Webhook), { id: 'WebhookList' });

export const DeliveryState = meta(z.enum(['pending', 'delivered', 'failed']), { id: 'DeliveryState' });

export const DeliveryAttempt = meta(
  z.object({
    attempt: meta(z.number().check(z.int()), { description: 'From 1' }),
    at: Timestamp,
    durationMs: z.number().check(z.int()),
    statusCode: meta(z.nullable(z.number().check(z.int())), {
      description: 'The receiver’s HTTP status; null when it gave none (refused, timed out, blocked)',
    }),
    error: meta(z.nullable(z.string()), { description: 'Why the try failed; null when it succeeded' }),
    nextRetryAt: meta(z.nullable(Timestamp), { description: 'When the next try was scheduled; null after a success or the last try' }),
  }),
  { id: 'WebhookDeliveryAttempt' },
);
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const Delivery = meta(
  z.object({
    id: Id,
    webhookId: Id,
    eventId: meta(z.string(), { description: 'The `id` of the body: the same for every try and every resend' }),
    type: meta(z.string(), { description: '`alert.<kind>`, or `webhook.test`' }),
    state: DeliveryState,
    nextAttemptAt: z.nullable(Timestamp),
    retryUntil: meta(Timestamp, { description: 'Tries stop after this (24 hours after it was stored or resent)' }),
    createdAt: Timestamp,
    attempts: meta(z.array(DeliveryAttempt), { description: 'Every try, oldest first' }),
  }),
  { id: 'WebhookDelivery' },
);
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryList = meta(listOf(Delivery), { id: 'WebhookDeliveryList' });
export const DeliveryListQuery = PageQuery;
export const DeliveryParam = z.strictObject({ id: Id, deliveryId: Id });
