import { z } from 'zod';
import { Id, PageQuery, Timestamp, listOf, sourceText, storableText, text } from './common.ts';
import { Availability } from './availability.ts';
import { Party } from './officials.ts';

export const Channel = z.enum(['phone', 'video', 'message', 'in_person', 'other']).meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

export const CallStatus = z.enum(['awaiting', 'answered', 'returned', 'declined', 'withdrawn']).meta({ id: 'CallStatus' });
export type CallStatus = z.infer<typeof CallStatus>;

const notes = storableText(z.string().max(20_000, 'must be at most 20000 characters'));
const source = sourceText;
const roundId = Id.meta({ description: 'The round the call belongs to (null: none); an unknown round is a 422' });

/** A call as stored: its own fields, without what is derived at answer time (workingMs). History entries hold this shape. */
export const CallRecord = z
  .object({
    id: Id,
    callerId: Id,
    calleeId: Id,
    caller: Party,
    callee: Party,
    placedAt: Timestamp,
    channel: Channel,
    topic: z.string(),
    notes: z.string().nullable(),
    source: z.string().nullable().meta({ description: 'Where the analyst learned of the call (a readout, a briefing, a URL)' }),
    status: CallStatus,
    respondedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    promisedBy: Timestamp.nullable().meta({ description: 'The callee\'s office promised a callback by then (may lie in the future); cleared on reopen' }),
    acknowledgedAt: Timestamp.nullable().meta({ description: 'When an aide acknowledged the call; the status stays awaiting; cleared on reopen' }),
    responseMs: z.number().int().nullable().meta({ description: 'respondedAt − placedAt for replied calls, else null' }),
    roundId: Id.nullable().meta({ description: 'The round the call belongs to; null: none' }),
    attempts: z.number().int().min(1).meta({ description: 'Tries to reach the callee, counting the first (the call itself); every duration still runs from placedAt' }),
    lastAttemptAt: Timestamp.meta({ description: 'The latest try: placedAt while there was one' }),
    version: z.number().int().meta({ description: 'Grows with every write; the ETag is its quoted value' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    createdBy: z.string().meta({ description: 'Username of who logged the call' }),
  });
export type CallRecord = z.infer<typeof CallRecord>;

export const Call = CallRecord.extend({
  workingMs: z.number().int().min(0).meta({
    description:
      "The wait (placedAt to respondedAt ?? closedAt, or to the server's now while it runs) in the callee's working time: inside their ministry's working hours in their own time zone, on no holiday of the ministry, outside their absences. Derived when answered, so it follows every change to hours, holidays and absences.",
  }),
}).meta({ id: 'Call' });
export type Call = z.infer<typeof Call>;

export const CallCreate = z
  .strictObject({
    callerId: Id,
    calleeId: Id,
    placedAt: Timestamp,
    channel: Channel,
    topic: text(500),
    notes: notes.optional(),
    source: source.optional(),
    status: CallStatus.default('awaiting'),
    respondedAt: Timestamp.optional(),
    closedAt: Timestamp.optional(),
    promisedBy: Timestamp.optional(),
    acknowledgedAt: Timestamp.optional(),
    roundId: roundId.nullable().optional(),
  })
  .refine((call) => call.callerId !== call.calleeId, {
    path: ['calleeId'],
    message: 'must be a different official from the caller',
  })
  .meta({ id: 'CallCreate' });
export type CallCreate = z.input<typeof CallCreate>;

/** Any subset of a call's fields; `null` clears the optional ones. */
export const CallPatch = z
  .strictObject({
    callerId: Id.optional(),
    calleeId: Id.optional(),
    placedAt: Timestamp.optional(),
    channel: Channel.optional(),
    topic: text(500).optional(),
    notes: notes.nullable().optional(),
    source: source.nullable().optional(),
    status: CallStatus.optional(),
    respondedAt: Timestamp.nullable().optional(),
    closedAt: Timestamp.nullable().optional(),
    promisedBy: Timestamp.nullable().optional(),
    acknowledgedAt: Timestamp.nullable().optional(),
    roundId: roundId.nullable().optional(),
  })
  .meta({ id: 'CallPatch' });
export type CallPatch = z.infer<typeof CallPatch>;

/** `status=awaiting,returned` filters on several statuses. */
const StatusFilter = z
  .string()
  .transform((value, ctx) => {
    const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
    const statuses: CallStatus[] = [];
    for (const part of parts) {
      const parsed = CallStatus.safeParse(part);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not one of ${CallStatus.options.join(', ')}` });
        return z.NEVER;
      }
      statuses.push(parsed.data);
    }
    return statuses;
  })
  .meta({ description: 'One status or several separated by commas', example: 'awaiting,returned' });

export const CallListQuery = PageQuery.extend({
  status: StatusFilter.optional(),
  ministryId: Id.optional().meta({ description: "The callee's ministry" }),
  officialId: Id.optional().meta({ description: 'The official on either side' }),
  from: Timestamp.optional().meta({ description: 'placedAt ≥ from' }),
  to: Timestamp.optional().meta({ description: 'placedAt < to' }),
  q: z.string().trim().max(200).optional().meta({ description: 'Text in the topic or notes' }),
  roundId: Id.optional().meta({ description: 'Only the calls of this round' }),
  order: z.enum(['desc', 'asc']).default('desc').meta({ description: 'By placedAt; newest first by default' }),
});
export type CallListQuery = z.infer<typeof CallListQuery>;

export const CallList = listOf(Call).meta({ id: 'CallList' });

export const AwaitingQuery = PageQuery.extend({
  ministryId: Id.optional().meta({ description: "The callee's ministry" }),
  roundId: Id.optional().meta({ description: 'Only the calls of this round' }),
});
export type AwaitingQuery = z.infer<typeof AwaitingQuery>;

/**
 * An open call on the awaiting board. `waitingMs` is `now − placedAt` by the
 * server's clock when it answered: clients tick their timers from `placedAt`,
 * and may compare `waitingMs` with their own clock to correct for its skew.
 */
export const AwaitingCall = Call.extend({
  waitingMs: z.number().int().min(0).meta({ description: "How long the call has waited, by the server's clock at the time of the answer" }),
  availability: Availability.meta({ description: "The callee's availability at the server's now" }),
}).meta({ id: 'AwaitingCall' });
export type AwaitingCall = z.infer<typeof AwaitingCall>;

export const AwaitingList = listOf(AwaitingCall).meta({ id: 'AwaitingList' });
