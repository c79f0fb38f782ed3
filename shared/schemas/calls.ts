import { meta, z } from './zod.ts';
import { Id, PageQuery, Timestamp, listOf, sourceText, storableText, text } from './common.ts';
import { Availability } from './availability.ts';
import { Party } from './officials.ts';

export const Channel = meta(z.enum(['phone', 'video', 'message', 'in_person', 'other']), { id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

export const CallStatus = meta(z.enum(['awaiting', 'answered', 'returned', 'declined', 'withdrawn']), { id: 'CallStatus' });
export type CallStatus = z.infer<typeof CallStatus>;

const notes = storableText(z.string().check(z.maxLength(20_000, 'must be at most 20000 characters')));
const source = sourceText;
const roundId = meta(Id, { description: 'The round the call belongs to (null: none); an unknown round is a 422' });

/** A call as stored: its own fields, without what is derived at answer time (workingMs). History entries hold this shape. */
export const CallRecord = z.object({
  id: Id,
  callerId: Id,
  calleeId: Id,
  caller: Party,
  callee: Party,
  placedAt: Timestamp,
  channel: Channel,
  topic: z.string(),
  notes: z.nullable(z.string()),
  source: meta(z.nullable(z.string()), { description: 'Where the analyst learned of the call (a readout, a briefing, a URL)' }),
  status: CallStatus,
  respondedAt: z.nullable(Timestamp),
  closedAt: z.nullable(Timestamp),
  promisedBy: meta(z.nullable(Timestamp), { description: "The callee's office promised a callback by then (may lie in the future); cleared on reopen" }),
  acknowledgedAt: meta(z.nullable(Timestamp), { description: 'When an aide acknowledged the call; the status stays awaiting; cleared on reopen' }),
  responseMs: meta(z.nullable(z.number().check(z.int())), { description: 'respondedAt − placedAt for replied calls, else null' }),
  roundId: meta(z.nullable(Id), { description: 'The round the call belongs to; null: none' }),
  attempts: meta(z.number().check(z.int(), z.minimum(1)), {
    description: 'Tries to reach the callee, counting the first (the call itself); every duration still runs from placedAt',
  }),
  lastAttemptAt: meta(Timestamp, { description: 'The latest try: placedAt while there was one' }),
  version: meta(z.number().check(z.int()), { description: 'Grows with every write; the ETag is its quoted value' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: meta(z.string(), { description: 'Username of who logged the call' }),
});
export type CallRecord = z.infer<typeof CallRecord>;

export const Call = meta(
  z.extend(CallRecord, {
    workingMs: meta(z.number().check(z.int(), z.minimum(0)), {
      description:
        "The wait (placedAt to respondedAt ?? closedAt, or to the server's now while it runs) in the callee's working time: inside their ministry's working hours in their own time zone, on no holiday of the ministry, outside their absences. Derived when answered, so it follows every change to hours, holidays and absences.",
    }),
  }),
  { id: 'Call' },
);
export type Call = z.infer<typeof Call>;

export const CallCreate = meta(
  z
    .strictObject({
      callerId: Id,
      calleeId: Id,
      placedAt: Timestamp,
      channel: Channel,
      topic: text(500),
      notes: z.optional(notes),
      source: z.optional(source),
      status: z._default(CallStatus, 'awaiting'),
      respondedAt: z.optional(Timestamp),
      closedAt: z.optional(Timestamp),
      promisedBy: z.optional(Timestamp),
      acknowledgedAt: z.optional(Timestamp),
      roundId: z.optional(z.nullable(roundId)),
    })
    .check(
      z.refine((call) => call.callerId !== call.calleeId, {
        path: ['calleeId'],
        message: 'must be a different official from the caller',
      }),
    ),
  { id: 'CallCreate' },
);
export type CallCreate = z.input<typeof CallCreate>;

/** Any subset of a call's fields; `null` clears the optional ones. */
export const CallPatch = meta(
  z.strictObject({
    callerId: z.optional(Id),
    calleeId: z.optional(Id),
    placedAt: z.optional(Timestamp),
    channel: z.optional(Channel),
    topic: z.optional(text(500)),
    notes: z.optional(z.nullable(notes)),
    source: z.optional(z.nullable(source)),
    status: z.optional(CallStatus),
    respondedAt: z.optional(z.nullable(Timestamp)),
    closedAt: z.optional(z.nullable(Timestamp)),
    promisedBy: z.optional(z.nullable(Timestamp)),
    acknowledgedAt: z.optional(z.nullable(Timestamp)),
    roundId: z.optional(z.nullable(roundId)),
  }),
  { id: 'CallPatch' },
);
export type CallPatch = z.infer<typeof CallPatch>;

/** `status=awaiting,returned` filters on several statuses. */
const StatusFilter = meta(
  z.pipe(
    z.string(),
    // zod/mini's transform has no addIssue: an issue goes on the payload itself.
    z.transform((value, ctx) => {
      const parts = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const statuses: CallStatus[] = [];
      for (const part of parts) {
        const parsed = CallStatus.safeParse(part);
        if (!parsed.success) {
          ctx.issues.push({ code: 'custom', message: `"${part}" is not one of ${CallStatus.options.join(', ')}`, input: value });
          return z.NEVER;
        }
        statuses.push(parsed.data);
      }
      return statuses;
    }),
  ),
  { description: 'One status or several separated by commas', example: 'awaiting,returned' },
);

export const CallListQuery = z.extend(PageQuery, {
  status: z.optional(StatusFilter),
  ministryId: meta(z.optional(Id), { description: "The callee's ministry" }),
  officialId: meta(z.optional(Id), { description: 'The official on either side' }),
  from: meta(z.optional(Timestamp), { description: 'placedAt ≥ from' }),
  to: meta(z.optional(Timestamp), { description: 'placedAt < to' }),
  q: meta(z.optional(z.string().check(z.trim(), z.maxLength(200))), { description: 'Text in the topic or notes' }),
  roundId: meta(z.optional(Id), { description: 'Only the calls of this round' }),
  order: meta(z._default(z.enum(['desc', 'asc']), 'desc'), { description: 'By placedAt; newest first by default' }),
});
export type CallListQuery = z.infer<typeof CallListQuery>;

export const CallList = meta(listOf(Call), { id: 'CallList' });

export const AwaitingQuery = z.extend(PageQuery, {
  ministryId: meta(z.optional(Id), { description: "The callee's ministry" }),
  roundId: meta(z.optional(Id), { description: 'Only the calls of this round' }),
});
export type AwaitingQuery = z.infer<typeof AwaitingQuery>;

/**
 * An open call on the awaiting board. `waitingMs` is `now − placedAt` by the
 * server's clock when it answered: clients tick their timers from `placedAt`,
 * and may compare `waitingMs` with their own clock to correct for its skew.
 */
export const AwaitingCall = meta(
  z.extend(Call, {
    waitingMs: meta(z.number().check(z.int(), z.minimum(0)), { description: "How long the call has waited, by the server's clock at the time of the answer" }),
    availability: meta(Availability, { description: "The callee's availability at the server's now" }),
  }),
  { id: 'AwaitingCall' },
);
export type AwaitingCall = z.infer<typeof AwaitingCall>;

export const AwaitingList = meta(listOf(AwaitingCall), { id: 'AwaitingList' });
