import { z } from 'zod';
import { Availability } from './availability.ts';
import { Call, Channel } from './calls.ts';
import { Id, PageQuery, Timestamp, listOf, storableText, text } from './common.ts';
import { Party } from './officials.ts';

const notes = storableText(z.string().max(20_000, 'must be at most 20000 characters'));

/** At most this many calls are logged with one round (POST /rounds). */
export const MAX_ROUND_CALLS = 199;

const ms = (description: string) => z.number().int().min(0).nullable().meta({ description });

/** A round's progress, computed when answered. */
export const RoundSummary = z
  .object({
    calls: z.number().int().min(0).meta({ description: 'Calls in the round' }),
    replied: z.number().int().min(0).meta({ description: 'answered + returned + declined' }),
    awaiting: z.number().int().min(0),
    withdrawn: z.number().int().min(0),
    medianResponseMs: ms('Nearest-rank median of the replied calls’ response times (from placedAt, the first try); null without replies'),
    longestWaitMs: ms("The longest wait still running (now − placedAt, by the server's clock); null when none is awaiting"),
    lastReplyAt: Timestamp.nullable().meta({ description: 'The latest respondedAt of a replied call; null without replies' }),
  })
  .meta({ id: 'RoundSummary' });
export type RoundSummary = z.infer<typeof RoundSummary>;

/** The calls placed because of one event (a round of outreach). */
export const Round = z
  .object({
    id: Id,
    title: z.string(),
    trigger: z.string().meta({ description: 'The event in words ("North Korea\'s third nuclear test")' }),
    triggerAt: Timestamp.nullable().meta({ description: 'When the event happened' }),
    initiatorId: Id.nullable().meta({ description: 'The official who reached out' }),
    initiator: Party.nullable().meta({ description: 'The initiator, embedded (null without one)' }),
    notes: z.string().nullable(),
    version: z.number().int().meta({ description: 'Grows with every write; the ETag is its quoted value' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: z.string().meta({ description: 'Username of who logged the round' }),
    summary: RoundSummary,
  })
  .meta({ id: 'Round' });
export type Round = z.infer<typeof Round>;

/** A round as stored, without its summary: history entries hold this shape. */
export const RoundRecord = Round.omit({ summary: true });
export type RoundRecord = z.infer<typeof RoundRecord>;

/** A call of a round's page: as on the awaiting board when it awaits (waitingMs, availability), null otherwise. */
export const RoundCall = Call.extend({
  waitingMs: z.number().int().min(0).nullable().meta({ description: "Awaiting calls: how long it has waited, by the server's clock at the time of the answer; else null" }),
  availability: Availability.nullable().meta({ description: "Awaiting calls: the callee's availability at the server's now; else null" }),
}).meta({ id: 'RoundCall' });
export type RoundCall = z.infer<typeof RoundCall>;

export const RoundDetail = Round.extend({
  calls: z.array(RoundCall).meta({ description: 'Awaiting calls first, longest wait first; then the others by responseMs (withdrawn last)' }),
}).meta({ id: 'RoundDetail' });
export type RoundDetail = z.infer<typeof RoundDetail>;

export const RoundList = listOf(Round).meta({ id: 'RoundList' });
export type RoundList = z.infer<typeof RoundList>;

export const RoundListQuery = PageQuery.extend({
  open: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .optional()
    .transform((v) => v === 'true')
    .meta({ description: 'true: only rounds with at least one awaiting call' }),
});
export type RoundListQuery = z.infer<typeof RoundListQuery>;

/** One call logged with a new round: the caller is the round's initiator. */
export const RoundCallCreate = z
  .strictObject({
    calleeId: Id,
    placedAt: Timestamp.optional().meta({ description: "Defaults to the round's triggerAt, or the server's now" }),
    channel: Channel.optional().meta({ description: 'Defaults to phone' }),
    topic: text(500).optional().meta({ description: "Defaults to the round's trigger" }),
  })
  .meta({ id: 'RoundCallCreate' });
export type RoundCallCreate = z.infer<typeof RoundCallCreate>;

export const RoundCreate = z
  .strictObject({
    title: text(200).optional().meta({ description: 'Defaults to the trigger' }),
    trigger: text(500),
    triggerAt: Timestamp.optional(),
    initiatorId: Id.optional().meta({ description: 'Required with calls: it is the caller of each' }),
    notes: notes.optional(),
    calls: z
      .array(RoundCallCreate)
      .min(1, 'must hold at least one call (or leave calls out)')
      .max(MAX_ROUND_CALLS, `must hold at most ${MAX_ROUND_CALLS} calls`)
      .optional()
      .meta({ description: `The round's calls, logged in the same transaction (1 to ${MAX_ROUND_CALLS}, each callee once)` }),
  })
  .superRefine((round, ctx) => {
    if (!round.calls) return;
    if (round.initiatorId === undefined) ctx.addIssue({ code: 'custom', path: ['initiatorId'], message: 'is required to log calls: it is the caller of each' });
    const seen = new Set<string>();
    round.calls.forEach((call, i) => {
      if (seen.has(call.calleeId)) ctx.addIssue({ code: 'custom', path: ['calls', i, 'calleeId'], message: 'is already called in this round' });
      seen.add(call.calleeId);
      if (call.calleeId === round.initiatorId) ctx.addIssue({ code: 'custom', path: ['calls', i, 'calleeId'], message: 'must be a different official from the initiator (the caller)' });
    });
  })
  .meta({ id: 'RoundCreate' });
export type RoundCreate = z.input<typeof RoundCreate>;

/** Any subset of a round's own fields; `null` clears the optional ones. */
export const RoundPatch = z
  .strictObject({
    title: text(200).optional(),
    trigger: text(500).optional(),
    triggerAt: Timestamp.nullable().optional(),
    initiatorId: Id.nullable().optional(),
    notes: notes.nullable().optional(),
  })
  .meta({ id: 'RoundPatch' });
export type RoundPatch = z.infer<typeof RoundPatch>;

/** Another try to reach a call's callee; the first try is the call itself. */
export const Attempt = z
  .object({
    id: Id,
    callId: Id,
    at: Timestamp,
    channel: Channel,
    notes: z.string().nullable(),
    createdAt: Timestamp,
    createdBy: z.string().meta({ description: 'Username of who recorded the attempt' }),
  })
  .meta({ id: 'Attempt' });
export type Attempt = z.infer<typeof Attempt>;

export const AttemptCreate = z
  .strictObject({
    at: Timestamp.meta({ description: 'In [placedAt, respondedAt ?? closedAt ?? now]; never in the future' }),
    channel: Channel,
    notes: notes.optional(),
  })
  .meta({ id: 'AttemptCreate' });
export type AttemptCreate = z.infer<typeof AttemptCreate>;

export const AttemptQuery = PageQuery;
export const AttemptList = listOf(Attempt).meta({ id: 'AttemptList' });
export type AttemptList = z.infer<typeof AttemptList>;
