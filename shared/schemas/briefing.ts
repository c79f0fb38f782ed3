import { z } from 'zod';
import { Availability } from './availability.ts';
import { Id, Timestamp } from './common.ts';
import { Party } from './officials.ts';

export const BriefingRound = z.object({ id: Id, title: z.string() }).meta({ id: 'BriefingRound', description: 'The round the call belongs to' });

const common = {
  callId: Id,
  caller: Party,
  callee: Party,
  topic: z.string(),
  placedAt: Timestamp,
  attempts: z.number().int().min(1).meta({ description: 'Tries to reach the callee, counting the first' }),
  round: BriefingRound.nullable(),
  workingMs: z.number().int().min(0).meta({ description: "The wait in the callee's working time (their ministry's hours and holidays, their absences)" }),
  sentence: z.string().meta({ description: 'The press-ready line' }),
};

export const BriefingOpenCall = z
  .object({
    ...common,
    waitingMs: z.number().int().min(0).meta({ description: "How long it has waited, by the server's clock at asOf" }),
    availability: Availability,
    promisedBy: Timestamp.nullable(),
    promise: z.enum(['none', 'pending', 'broken']).meta({ description: 'Where the promised callback stands at asOf' }),
    shareRepliedSooner: z.number().min(0).max(1).nullable().meta({
      description: "The share of the callee ministry's calls that got a reply sooner than this one has waited (Kaplan–Meier, as the board's context); null without history",
    }),
    ministryMedianMs: z.number().int().nullable().meta({ description: "The wait by which half the ministry's calls got a reply (Kaplan–Meier); null when fewer than half ever did" }),
    ministryCalls: z.number().int().min(0).meta({ description: "The ministry's calls on record besides this one" }),
  })
  .meta({ id: 'BriefingOpenCall' });
export type BriefingOpenCall = z.infer<typeof BriefingOpenCall>;

export const BriefingReply = z
  .object({
    ...common,
    status: z.enum(['answered', 'returned', 'declined']),
    respondedAt: Timestamp,
    responseMs: z.number().int().min(0),
  })
  .meta({ id: 'BriefingReply' });
export type BriefingReply = z.infer<typeof BriefingReply>;

export const Briefing = z
  .object({
    asOf: Timestamp,
    since: Timestamp.meta({ description: 'asOf − 24 h: the replies listed came from then on' }),
    open: z.array(BriefingOpenCall).meta({ description: 'Every awaiting call, longest wait first' }),
    repliedSince: z.array(BriefingReply).meta({ description: 'The replies of the last 24 hours, newest first' }),
  })
  .meta({ id: 'Briefing' });
export type Briefing = z.infer<typeof Briefing>;
