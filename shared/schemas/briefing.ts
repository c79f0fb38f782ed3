import { meta, z } from './zod.ts';
import { Availability } from './availability.ts';
import { Id, Timestamp } from './common.ts';
import { Party } from './officials.ts';

export const BriefingRound = meta(z.object({ id: Id, title: z.string() }), { id: 'BriefingRound', description: 'The round the call belongs to' });

const common = {
  callId: Id,
  caller: Party,
  callee: Party,
  topic: z.string(),
  placedAt: Timestamp,
  attempts: meta(z.number().check(z.int(), z.minimum(1)), { description: 'Tries to reach the callee, counting the first' }),
  round: z.nullable(BriefingRound),
  workingMs: meta(z.number().check(z.int(), z.minimum(0)), {
    description: "The wait in the callee's working time (their ministry's hours and holidays, their absences)",
  }),
  sentence: meta(z.string(), { description: 'The press-ready line' }),
};

export const BriefingOpenCall = meta(
  z.object({
    ...common,
    waitingMs: meta(z.number().check(z.int(), z.minimum(0)), { description: "How long it has waited, by the server's clock at asOf" }),
    availability: Availability,
    promisedBy: z.nullable(Timestamp),
    promise: meta(z.enum(['none', 'pending', 'broken']), { description: 'Where the promised callback stands at asOf' }),
    shareRepliedSooner: meta(z.nullable(z.number().check(z.minimum(0), z.maximum(1))), {
      description:
        "The share of the callee ministry's calls that got a reply sooner than this one has waited (Kaplan–Meier, as the board's context); null without history",
    }),
    ministryMedianMs: meta(z.nullable(z.number().check(z.int())), {
      description: "The wait by which half the ministry's calls got a reply (Kaplan–Meier); null when fewer than half ever did",
    }),
    ministryCalls: meta(z.number().check(z.int(), z.minimum(0)), { description: "The ministry's calls on record besides this one" }),
  }),
  { id: 'BriefingOpenCall' },
);
export type BriefingOpenCall = z.infer<typeof BriefingOpenCall>;

export const BriefingReply = meta(
  z.object({
    ...common,
    status: z.enum(['answered', 'returned', 'declined']),
    respondedAt: Timestamp,
    responseMs: z.number().check(z.int(), z.minimum(0)),
  }),
  { id: 'BriefingReply' },
);
export type BriefingReply = z.infer<typeof BriefingReply>;

export const Briefing = meta(
  z.object({
    asOf: Timestamp,
    since: meta(Timestamp, { description: 'asOf − 24 h: the replies listed came from then on' }),
    open: meta(z.array(BriefingOpenCall), { description: 'Every awaiting call, longest wait first' }),
    repliedSince: meta(z.array(BriefingReply), { description: 'The replies of the last 24 hours, newest first' }),
  }),
  { id: 'Briefing' },
);
export type Briefing = z.infer<typeof Briefing>;
