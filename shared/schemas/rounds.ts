import { meta, z } from './zod.ts';
import { Availability } from './availability.ts';
import { Call, Channel } from './calls.ts';
import { Id, PageQuery, Timestamp, listOf, storableText, text } from './common.ts';
import { Party } from './officials.ts';

const notes = storableText(z.string().check(z.maxLength(20_000, 'must be at most 20000 characters')));

/** At most this many calls are logged with one round (POST /rounds). */
export const MAX_ROUND_CALLS = 199;

const ms = (description: string) => meta(z.nullable(z.number().check(z.int(), z.minimum(0))), { description });

/** A round's progress, computed when answered. */
export const RoundSummary = meta(
  z.object({
    calls: meta(z.number().check(z.int(), z.minimum(0)), { description: 'Calls in the round' }),
    replied: meta(z.number().check(z.int(), z.minimum(0)), { description: 'answered + returned + declined' }),
    awaiting: z.number().check(z.int(), z.minimum(0)),
    withdrawn: z.number().check(z.int(), z.minimum(0)),
    medianResponseMs: ms('Nearest-rank median of the replied calls’ response times (from placedAt, the first try); null without replies'),
    longestWaitMs: ms("The longest wait still running (now − placedAt, by the server's clock); null when none is awaiting"),
    lastReplyAt: meta(z.nullable(Timestamp), { description: 'The latest respondedAt of a replied call; null without replies' }),
  }),
  { id: 'RoundSummary' },
);
export type RoundSummary = z.infer<typeof RoundSummary>;

/** The calls placed because of one event (a round of outreach). */
export const Round = meta(
  z.object({
    id: Id,
    title: z.string(),
    trigger: meta(z.string(), { description: 'The event in words ("North Korea\'s third nuclear test")' }),
    triggerAt: meta(z.nullable(Timestamp), { description: 'When the event happened' }),
    initiatorId: meta(z.nullable(Id), { description: 'The official who reached out' }),
    initiator: meta(z.nullable(Party), { description: 'The initiator, embedded (null without one)' }),
    notes: z.nullable(z.string()),
    version: meta(z.number().check(z.int()), { description: 'Grows with every write; the ETag is its quoted value' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: meta(z.string(), { description: 'Username of who logged the round' }),
    summary: RoundSummary,
  }),
  { id: 'Round' },
);
export type Round = z.infer<typeof Round>;

/** A round as stored, without its summary: history entries hold this shape. */
export const RoundRecord = z.omit(Round, { summary: true });
export type RoundRecord = z.infer<typeof RoundRecord>;

/** A call of a round's page: as on the awaiting board when it awaits (waitingMs, availability), null otherwise. */
export const RoundCall = meta(
  z.extend(Call, {
    waitingMs: meta(z.nullable(z.number().check(z.int(), z.minimum(0))), {
      description: "Awaiting calls: how long it has waited, by the server's clock at the time of the answer; else null",
    }),
    availability: meta(z.nullable(Availability), { description: "Awaiting calls: the callee's availability at the server's now; else null" }),
  }),
  { id: 'RoundCall' },
);
export type RoundCall = z.infer<typeof RoundCall>;

export const RoundDetail = meta(
  z.extend(Round, {
    calls: meta(z.array(RoundCall), { description: 'Awaiting calls first, longest wait first; then the others by responseMs (withdrawn last)' }),
  }),
  { id: 'RoundDetail' },
);
export type RoundDetail = z.infer<typeof RoundDetail>;

export const RoundList = meta(listOf(Round), { id: 'RoundList' });
export type RoundList = z.infer<typeof RoundList>;

export const RoundListQuery = z.extend(PageQuery, {
  open: meta(
    z.pipe(
      z.optional(z.enum(['true', 'false'], { message: 'must be true or false' })),
      z.transform((v) => v === 'true'),
    ),
    { description: 'true: only rounds with at least one awaiting call' },
  ),
});
export type RoundListQuery = z.infer<typeof RoundListQuery>;

/** One call logged with a new round: the caller is the round's initiator. */
export const RoundCallCreate = meta(
  z.strictObject({
    calleeId: Id,
    placedAt: meta(z.optional(Timestamp), { description: "Defaults to the round's triggerAt, or the server's now" }),
    channel: meta(z.optional(Channel), { description: 'Defaults to phone' }),
    topic: meta(z.optional(text(500)), { description: "Defaults to the round's trigger" }),
  }),
  { id: 'RoundCallCreate' },
);
export type RoundCallCreate = z.infer<typeof RoundCallCreate>;

export const RoundCreate = meta(
  z
    .strictObject({
      title: meta(z.optional(text(200)), { description: 'Defaults to the trigger' }),
      trigger: text(500),
      triggerAt: z.optional(Timestamp),
      initiatorId: meta(z.optional(Id), { description: 'Required with calls: it is the caller of each' }),
      notes: z.optional(notes),
      calls: meta(
        z.optional(
          z
            .array(RoundCallCreate)
            .check(
              z.minLength(1, 'must hold at least one call (or leave calls out)'),
              z.maxLength(MAX_ROUND_CALLS, `must hold at most ${MAX_ROUND_CALLS} calls`),
            ),
        ),
        { description: `The round's calls, logged in the same transaction (1 to ${MAX_ROUND_CALLS}, each callee once)` },
      ),
    })
    .check(
      z.superRefine((round, ctx) => {
        if (!round.calls) return;
        if (round.initiatorId === undefined)
          ctx.addIssue({ code: 'custom', path: ['initiatorId'], message: 'is required to log calls: it is the caller of each' });
        const seen = new Set<string>();
        round.calls.forEach((call, i) => {
          if (seen.has(call.calleeId)) ctx.addIssue({ code: 'custom', path: ['calls', i, 'calleeId'], message: 'is already called in this round' });
          seen.add(call.calleeId);
          if (call.calleeId === round.initiatorId)
            ctx.addIssue({ code: 'custom', path: ['calls', i, 'calleeId'], message: 'must be a different official from the initiator (the caller)' });
        });
      }),
    ),
  { id: 'RoundCreate' },
);
export type RoundCreate = z.input<typeof RoundCreate>;

/** Any subset of a round's own fields; `null` clears the optional ones. */
export const RoundPatch = meta(
  z.strictObject({
    title: z.optional(text(200)),
    trigger: z.optional(text(500)),
    triggerAt: z.optional(z.nullable(Timestamp)),
    initiatorId: z.optional(z.nullable(Id)),
    notes: z.optional(z.nullable(notes)),
  }),
  { id: 'RoundPatch' },
);
export type RoundPatch = z.infer<typeof RoundPatch>;

/** Another try to reach a call's callee; the first try is the call itself. */
export const Attempt = meta(
  z.object({
    id: Id,
    callId: Id,
    at: Timestamp,
    channel: Channel,
    notes: z.nullable(z.string()),
    createdAt: Timestamp,
    createdBy: meta(z.string(), { description: 'Username of who recorded the attempt' }),
  }),
  { id: 'Attempt' },
);
export type Attempt = z.infer<typeof Attempt>;

export const AttemptCreate = meta(
  z.strictObject({
    at: meta(Timestamp, { description: 'In [placedAt, respondedAt ?? closedAt ?? now]; never in the future' }),
    channel: Channel,
    notes: z.optional(notes),
  }),
  { id: 'AttemptCreate' },
);
export type AttemptCreate = z.infer<typeof AttemptCreate>;

export const AttemptQuery = PageQuery;
export const AttemptList = meta(listOf(Attempt), { id: 'AttemptList' });
export type AttemptList = z.infer<typeof AttemptList>;
