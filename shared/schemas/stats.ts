import { meta, z } from './zod.ts';
import { Id, Limit, Cursor, Timestamp } from './common.ts';

/** Whose response times a group gathers: always the callee's side (SPEC.md). */
export const GroupBy = meta(z.enum(['ministry', 'official', 'country'], { message: 'must be one of ministry, official, country' }), {
  id: 'StatsGroupBy',
  description: "Group by the callee's ministry, the callee, or the callee's country",
});
export type GroupBy = z.infer<typeof GroupBy>;

export const TrendInterval = meta(z.enum(['week', 'month'], { message: 'must be week or month' }), {
  id: 'TrendInterval',
  description: 'Periods start on Mondays (ISO weeks) or on the 1st of the month, 00:00 UTC',
});
export type TrendInterval = z.infer<typeof TrendInterval>;

const windowFields = {
  from: meta(z.optional(Timestamp), { description: 'Only calls placed at or after this instant' }),
  to: meta(z.optional(Timestamp), { description: 'Only calls placed before this instant' }),
};

function toAfterFrom(query: { from?: string | undefined; to?: string | undefined }, ctx: z.core.$RefinementCtx) {
  if (query.from !== undefined && query.to !== undefined && Date.parse(query.to) <= Date.parse(query.from)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  }
}

/** Which clock durations are measured on. */
export const StatsClock = meta(z.enum(['wall', 'working'], { message: 'must be wall or working' }), {
  id: 'StatsClock',
  description:
    "wall: elapsed time. working: the part of each wait inside the callee's working hours (their ministry's hours, in their own time zone), on no holiday of the ministry and outside their absences; every duration figure, the curve and the 24 h / 72 h chances (24 and 72 working hours) are then in working time",
});
export type StatsClock = z.infer<typeof StatsClock>;

const roundField = meta(z.optional(Id), { description: 'Only the calls of this round' });

const keyField = meta(z.optional(z.string().check(z.minLength(1), z.maxLength(64))), {
  description: 'Only this group (a ministry or official id, or a country code)',
});

export const ResponseTimesQuery = z
  .strictObject({ groupBy: z._default(GroupBy, 'ministry'), key: keyField, clock: z._default(StatsClock, 'wall'), roundId: roundField, ...windowFields })
  .check(z.superRefine(toAfterFrom));
export type ResponseTimesQuery = z.infer<typeof ResponseTimesQuery>;

export const SurvivalPoint = meta(
  z.object({
    tMs: meta(z.number(), { description: 'Milliseconds after the call was placed' }),
    stillAwaiting: meta(z.number().check(z.minimum(0), z.maximum(1)), { description: 'Estimated share of calls still without a reply at tMs' }),
  }),
  { id: 'SurvivalPoint' },
);

const ms = (description: string) => meta(z.nullable(z.number().check(z.int())), { description });
const probability = (description: string) => meta(z.nullable(z.number().check(z.minimum(0), z.maximum(1))), { description });

export const ResponseTimeGroup = meta(
  z.object({
    key: meta(z.string(), { description: "The ministry's or official's id, or the country code" }),
    label: meta(z.string(), { description: 'Ministry short name, official name, or English country name' }),
    calls: z.number().check(z.int()),
    responded: meta(z.number().check(z.int()), { description: 'answered + returned + declined' }),
    awaiting: z.number().check(z.int()),
    withdrawn: z.number().check(z.int()),
    responseRate: probability('responded / calls'),
    medianResponseMs: ms('Nearest-rank median of the replied calls’ response times; null without replies'),
    p90ResponseMs: ms('Nearest-rank 90th percentile of the replied calls’ response times'),
    survivalMedianMs: ms(
      'Kaplan–Meier median: the smallest duration at which the estimated share still awaiting is ≤ 0.5 (awaiting and withdrawn calls censored); null if it never gets there',
    ),
    survivalMedianCi: meta(z.object({ lowerMs: ms('null: not bounded by the data'), upperMs: ms('null: not bounded by the data') }), {
      description: '95% confidence interval of survivalMedianMs (Greenwood variance, log-log transform, as R’s survival package reports it)',
    }),
    replyWithin24hProbability: probability('Kaplan–Meier estimate of the chance of a reply within 24 h (1 − S(24 h)); null when the data does not reach 24 h'),
    replyWithin72hProbability: probability('The same within 72 h'),
    smallSample: meta(z.boolean(), { description: 'Fewer than 5 calls: shown, but not to be ranked' }),
    survival: meta(z.array(SurvivalPoint), {
      description:
        'The Kaplan–Meier step curve: { tMs: 0, stillAwaiting: 1 } and one point per distinct reply time, read as a right-continuous step. ' +
        'When a group has more than 1000 reply times the curve is thinned (see survivalThinned).',
    }),
    observedUntilMs: ms(
      'The longest observation (a reply, a withdrawal or a wait still running): the curve is known up to here and not beyond; null without calls',
    ),
    survivalThinned: meta(z.boolean(), {
      description:
        'True when the curve was thinned to the points where it fell by at least 0.001 since the last point kept (plus the last point): every point is still exact, and the thinned step curve is within 0.001 of the full one everywhere',
    }),
  }),
  { id: 'ResponseTimeGroup' },
);
export type ResponseTimeGroup = z.infer<typeof ResponseTimeGroup>;

export const ResponseTimes = meta(
  z.object({
    groupBy: GroupBy,
    clock: StatsClock,
    from: z.nullable(Timestamp),
    to: z.nullable(Timestamp),
    asOf: meta(Timestamp, { description: 'The server’s now, which closes the durations of calls still awaiting' }),
    groups: meta(z.array(ResponseTimeGroup), { description: 'Groups with at least one call in the window, by label' }),
  }),
  { id: 'ResponseTimes' },
);
export type ResponseTimes = z.infer<typeof ResponseTimes>;

export const TrendQuery = z
  .strictObject({
    groupBy: z._default(GroupBy, 'ministry'),
    interval: z._default(TrendInterval, 'week'),
    key: keyField,
    clock: z._default(StatsClock, 'wall'),
    roundId: roundField,
    ...windowFields,
  })
  .check(z.superRefine(toAfterFrom));
export type TrendQuery = z.infer<typeof TrendQuery>;

export const TrendPeriod = meta(
  z.object({
    start: Timestamp,
    end: meta(Timestamp, { description: 'Exclusive' }),
    calls: z.number().check(z.int()),
    responded: z.number().check(z.int()),
    medianResponseMs: ms('Nearest-rank median of the replies to calls placed in the period'),
    survivalMedianMs: ms('Kaplan–Meier median of the calls placed in the period'),
  }),
  { id: 'TrendPeriod' },
);
export type TrendPeriod = z.infer<typeof TrendPeriod>;

export const Trend = meta(
  z.object({
    groupBy: GroupBy,
    interval: TrendInterval,
    clock: StatsClock,
    from: z.nullable(Timestamp),
    to: z.nullable(Timestamp),
    asOf: Timestamp,
    groups: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        periods: meta(z.array(TrendPeriod), { description: 'Periods with at least one call placed in them (of the window), oldest first' }),
      }),
    ),
  }),
  { id: 'Trend' },
);
export type Trend = z.infer<typeof Trend>;

export const AwaitingContextQuery = z.strictObject({
  limit: z._default(Limit, 500),
  cursor: z.optional(Cursor),
  ministryId: meta(z.optional(Id), { description: "The callee's ministry" }),
});
export type AwaitingContextQuery = z.infer<typeof AwaitingContextQuery>;

export const AwaitingContext = meta(
  z.object({
    callId: Id,
    ministryId: Id,
    ministryShortName: z.string(),
    calleeName: z.string(),
    elapsedMs: meta(z.number().check(z.int()), { description: 'How long the call has waited, by the server’s clock (asOf)' }),
    shareRepliedSooner: probability(
      "Kaplan–Meier estimate of the share of the callee ministry's calls (all time) that had a reply within elapsedMs: 1 − S(elapsedMs). Null when the ministry has no calls to compare with",
    ),
    isLowerBound: meta(z.boolean(), {
      description:
        'The wait is longer than every reply the ministry has had (with calls still open): the share is at least this, and stays flat however long the wait',
    }),
    ministryMedianMs: ms("The ministry's Kaplan–Meier median response time (all time; null if fewer than half its calls ever got a reply)"),
    ministryMedianResponseMs: ms("The ministry's plain nearest-rank median of replies (all time)"),
  }),
  { id: 'AwaitingContext' },
);
export type AwaitingContext = z.infer<typeof AwaitingContext>;

export const AwaitingContextList = meta(z.object({ asOf: Timestamp, items: z.array(AwaitingContext), nextCursor: z.nullable(z.string()) }), {
  id: 'AwaitingContextList',
  description: 'Open calls, longest wait first (the order of GET /calls/awaiting)',
});
export type AwaitingContextList = z.infer<typeof AwaitingContextList>;
