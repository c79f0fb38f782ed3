import { z } from 'zod';
import { Id, PageQuery, Timestamp, text } from './common.ts';

export const AlertKind = z.enum(['wait_exceeds', 'unusual_wait', 'promise_broken', 'replied']).meta({
  id: 'AlertKind',
  description:
    "wait_exceeds: an awaiting call's wait passes thresholdMs; unusual_wait: an awaiting call has waited longer than 90% of its ministry's calls took to get a reply (at least 5 calls of history); promise_broken: promisedBy passed with no reply; replied: a call got a reply",
});
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertChannel = z.enum(['app', 'email', 'webhook']).meta({ id: 'AlertChannel' });
export type AlertChannel = z.infer<typeof AlertChannel>;

/** The longest threshold a rule may have: a year. */
export const MAX_THRESHOLD_MS = 366 * 24 * 3600_000;

const ThresholdMs = z
  .number({ message: 'must be a whole number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(60_000, 'must be at least one minute (60000)')
  .max(MAX_THRESHOLD_MS, `must be at most a year (${MAX_THRESHOLD_MS})`)
  .meta({ description: 'For wait_exceeds (required there, refused elsewhere): how long a wait may run, in ms' });

const Channels = z
  .array(AlertChannel)
  .min(1, 'must name at least one channel')
  .max(3)
  .refine((list) => new Set(list).size === list.length, 'must not name a channel twice')
  .meta({ description: 'Where a firing goes: app (a notification for the owner), email, webhook' });

const RoundId = z.uuid({ message: 'must be a round id (a UUID)' }).meta({ description: 'Only calls of this round' });

export const AlertRule = z
  .object({
    id: Id,
    name: z.string(),
    kind: AlertKind,
    thresholdMs: z.number().int().nullable(),
    ministryId: Id.nullable().meta({ description: "Only calls whose callee belongs to this ministry; null: every ministry" }),
    roundId: z.string().nullable().meta({ description: 'Only calls of this round; null: any call' }),
    channels: z.array(AlertChannel),
    webhookId: Id.nullable().meta({ description: 'The webhook the webhook channel posts to' }),
    ownerId: Id.meta({ description: 'Whose rule it is: its notifications go to them' }),
    enabled: z.boolean().meta({ description: 'false: paused, never fires' }),
    lastFiredAt: Timestamp.nullable().meta({ description: 'When it last fired, or null' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'AlertRule' });
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertRuleCreate = z
  .strictObject({
    name: text(200),
    kind: AlertKind,
    thresholdMs: ThresholdMs.nullable().optional(),
    ministryId: Id.nullable().optional(),
    roundId: RoundId.nullable().optional(),
    channels: Channels.default(['app']),
    webhookId: Id.nullable().optional(),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'AlertRuleCreate' });
export type AlertRuleCreate = z.input<typeof AlertRuleCreate>;
export type NewAlertRule = z.output<typeof AlertRuleCreate>;

export const AlertRulePatch = z
  .strictObject({
    name: text(200).optional(),
    kind: AlertKind.optional(),
    thresholdMs: ThresholdMs.nullable().optional(),
    ministryId: Id.nullable().optional(),
    roundId: RoundId.nullable().optional(),
    channels: Channels.optional(),
    webhookId: Id.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: 'AlertRulePatch' });
export type AlertRulePatch = z.infer<typeof AlertRulePatch>;

export const AlertRuleList = z.object({ items: z.array(AlertRule) }).meta({ id: 'AlertRuleList' });

/** What the rules of a rule say about its fields together (the server and the form both run it). */
export function alertRuleProblems(rule: { kind: AlertKind; thresholdMs: number | null; channels: readonly AlertChannel[]; webhookId: string | null }) {
  const problems: { path: string; message: string }[] = [];
  if (rule.kind === 'wait_exceeds' && rule.thresholdMs === null) problems.push({ path: 'thresholdMs', message: 'is required for a wait_exceeds rule' });
  if (rule.kind !== 'wait_exceeds' && rule.thresholdMs !== null) problems.push({ path: 'thresholdMs', message: 'applies to wait_exceeds rules only' });
  if (rule.channels.includes('webhook') && rule.webhookId === null) problems.push({ path: 'webhookId', message: 'is required for the webhook channel' });
  if (!rule.channels.includes('webhook') && rule.webhookId !== null) problems.push({ path: 'webhookId', message: 'applies to the webhook channel only' });
  return problems;
}

export const Notification = z
  .object({
    id: Id,
    type: z.string().meta({ example: 'alert.wait_exceeds', description: 'alert.<kind> of the rule that fired' }),
    title: z.string().meta({ description: 'What happened, in a sentence' }),
    callId: Id.nullable(),
    ruleId: Id.nullable().meta({ description: 'The rule that fired (null once it is deleted)' }),
    createdAt: Timestamp,
    readAt: Timestamp.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z
  .object({ items: z.array(Notification), nextCursor: z.string().nullable(), unread: z.number().int().meta({ description: 'Unread notifications in all' }) })
  .meta({ id: 'NotificationList' });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true').meta({ description: 'true: only the unread ones' }),
});

export const ReadAllResult = z.object({ marked: z.number().int(), unread: z.number().int() }).meta({ id: 'ReadAllResult' });
