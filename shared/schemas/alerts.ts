import { meta, z } from './zod.ts';
import { Id, PageQuery, Timestamp, text } from './common.ts';

export const AlertKind = meta(z.enum(['wait_exceeds', 'unusual_wait', 'promise_broken', 'replied']), {
  id: 'AlertKind',
  description:
    "wait_exceeds: an awaiting call's wait passes thresholdMs; unusual_wait: an awaiting call has waited longer than 90% of its ministry's calls took to get a reply (at least 5 calls of history); promise_broken: promisedBy passed with no reply; replied: a call got a reply",
});
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertChannel = meta(z.enum(['app', 'email', 'webhook']), { id: 'AlertChannel' });
export type AlertChannel = z.infer<typeof AlertChannel>;

/** The longest threshold a rule may have: a year. */
export const MAX_THRESHOLD_MS = 366 * 24 * 3600_000;

const ThresholdMs = meta(
  z
    .number({ message: 'must be a whole number of milliseconds' })
    .check(
      z.int('must be a whole number of milliseconds'),
      z.minimum(60_000, 'must be at least one minute (60000)'),
      z.maximum(MAX_THRESHOLD_MS, `must be at most a year (${MAX_THRESHOLD_MS})`),
    ),
  { description: 'For wait_exceeds (required there, refused elsewhere): how long a wait may run, in ms' },
);

const Channels = meta(
  z.array(AlertChannel).check(
    z.minLength(1, 'must name at least one channel'),
    z.maxLength(3),
    z.refine((list) => new Set(list).size === list.length, 'must not name a channel twice'),
  ),
  { description: 'Where a firing goes: app (a notification for the owner), email, webhook' },
);

const RoundId = meta(z.uuid({ message: 'must be a round id (a UUID)' }), { description: 'Only calls of this round' });

export const AlertRule = meta(
  z.object({
    id: Id,
    name: z.string(),
    kind: AlertKind,
    thresholdMs: z.nullable(z.number().check(z.int())),
    ministryId: meta(z.nullable(Id), { description: 'Only calls whose callee belongs to this ministry; null: every ministry' }),
    roundId: meta(z.nullable(z.string()), { description: 'Only calls of this round; null: any call' }),
    channels: z.array(AlertChannel),
    webhookId: meta(z.nullable(Id), { description: 'The webhook the webhook channel posts to' }),
    ownerId: meta(Id, { description: 'Whose rule it is: its notifications go to them' }),
    enabled: meta(z.boolean(), { description: 'false: paused, never fires' }),
    lastFiredAt: meta(z.nullable(Timestamp), { description: 'When it last fired, or null' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { id: 'AlertRule' },
);
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertRuleCreate = meta(
  z.strictObject({
    name: text(200),
    kind: AlertKind,
    thresholdMs: z.optional(z.nullable(ThresholdMs)),
    ministryId: z.optional(z.nullable(Id)),
    roundId: z.optional(z.nullable(RoundId)),
    channels: z._default(Channels, ['app']),
    webhookId: z.optional(z.nullable(Id)),
    enabled: z._default(z.boolean(), true),
  }),
  { id: 'AlertRuleCreate' },
);
export type AlertRuleCreate = z.input<typeof AlertRuleCreate>;
export type NewAlertRule = z.output<typeof AlertRuleCreate>;

export const AlertRulePatch = meta(
  z.strictObject({
    name: z.optional(text(200)),
    kind: z.optional(AlertKind),
    thresholdMs: z.optional(z.nullable(ThresholdMs)),
    ministryId: z.optional(z.nullable(Id)),
    roundId: z.optional(z.nullable(RoundId)),
    channels: z.optional(Channels),
    webhookId: z.optional(z.nullable(Id)),
    enabled: z.optional(z.boolean()),
  }),
  { id: 'AlertRulePatch' },
);
export type AlertRulePatch = z.infer<typeof AlertRulePatch>;

export const AlertRuleList = meta(z.object({ items: z.array(AlertRule) }), { id: 'AlertRuleList' });

/** What the rules of a rule say about its fields together (the server and the form both run it). */
export function alertRuleProblems(rule: { kind: AlertKind; thresholdMs: number | null; channels: readonly AlertChannel[]; webhookId: string | null }) {
  const problems: { path: string; message: string }[] = [];
  if (rule.kind === 'wait_exceeds' && rule.thresholdMs === null) problems.push({ path: 'thresholdMs', message: 'is required for a wait_exceeds rule' });
  if (rule.kind !== 'wait_exceeds' && rule.thresholdMs !== null) problems.push({ path: 'thresholdMs', message: 'applies to wait_exceeds rules only' });
  if (rule.channels.includes('webhook') && rule.webhookId === null) problems.push({ path: 'webhookId', message: 'is required for the webhook channel' });
  if (!rule.channels.includes('webhook') && rule.webhookId !== null) problems.push({ path: 'webhookId', message: 'applies to the webhook channel only' });
  return problems;
}

export const Notification = meta(
  z.object({
    id: Id,
    type: meta(z.string(), { example: 'alert.wait_exceeds', description: 'alert.<kind> of the rule that fired' }),
    title: meta(z.string(), { description: 'What happened, in a sentence' }),
    callId: z.nullable(Id),
    ruleId: meta(z.nullable(Id), { description: 'The rule that fired (null once it is deleted)' }),
    createdAt: Timestamp,
    readAt: z.nullable(Timestamp),
  }),
  { id: 'Notification' },
);
export type Notification = z.infer<typeof Notification>;

export const NotificationList = meta(
  z.object({
    items: z.array(Notification),
    nextCursor: z.nullable(z.string()),
    unread: meta(z.number().check(z.int()), { description: 'Unread notifications in all' }),
  }),
  { id: 'NotificationList' },
);
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationQuery = z.extend(PageQuery, {
  unread: meta(
    z.pipe(
      z.optional(z.enum(['true', 'false'])),
      z.transform((v) => v === 'true'),
    ),
    { description: 'true: only the unread ones' },
  ),
});

export const ReadAllResult = meta(z.object({ marked: z.number().check(z.int()), unread: z.number().check(z.int()) }), { id: 'ReadAllResult' });
