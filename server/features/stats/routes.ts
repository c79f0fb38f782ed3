import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { AwaitingContextList, AwaitingContextQuery, ResponseTimes, ResponseTimesQuery, Trend, TrendQuery } from '#shared/schemas/stats.ts';
import { RUNNING_MAX_AGE_MS, cachedJson } from '../../lib/answer-cache.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { requireRole } from '../auth/middleware.ts';
import { awaitingContext, responseTimes, responseTrend } from './service.ts';

const tags = ['stats'];
const badQuery = problemDoc('A bad groupBy, from, to or other parameter; `errors` names it');

// Answers are kept until the database changes (lib/answer-cache.ts); one that counts a call still awaiting (censored at
// asOf, so it moves with the clock) a second at most.
const running = () => RUNNING_MAX_AGE_MS;
const runningIfAwaiting = (answer: ResponseTimes) => (answer.groups.some((g) => g.awaiting > 0) ? RUNNING_MAX_AGE_MS : Infinity);

export const statsRoutes = new Hono<AppEnv>()
  .get(
    '/response-times',
    describeRoute({
      tags,
      summary: 'How fast each ministry, official or country replies',
      description:
        "Per group of the callee's side, over calls placed in [from, to): counts, response rate, nearest-rank median and p90 of replies, " +
        'and the Kaplan–Meier survival estimate in which calls still awaiting (at asOf) and withdrawn calls are censored: its median, the ' +
        "median's 95% interval (Greenwood, log-log), the chance of a reply within 24 h and 72 h, and the step curve. " +
        'The plain median of replies flatters a ministry that leaves calls unanswered; the survival median does not. ' +
        'Groups with fewer than 5 calls are flagged smallSample: show them, but do not rank them.',
      responses: { 200: jsonDoc('One entry per group with calls in the window', ResponseTimes), 400: badQuery, ...authProblems },
    }),
    requireRole('viewer'),
    validate('query', ResponseTimesQuery),
    async (c) => {
      const query = c.req.valid('query');
      return cachedJson(c, `response-times ${JSON.stringify(query)}`, () => responseTimes(c.var.deps, query), runningIfAwaiting);
    },
  )
  .get(
    '/trend',
    describeRoute({
      tags,
      summary: 'Response times over time, per week or month',
      description:
        'For each group and each UTC week (from Monday) or month in which calls were placed: calls, replies, the nearest-rank median of replies and the ' +
        'Kaplan–Meier median of the calls placed in that period. `key` keeps one group.',
      responses: { 200: jsonDoc('Periods with calls, per group', Trend), 400: badQuery, ...authProblems },
    }),
    requireRole('viewer'),
    validate('query', TrendQuery),
    async (c) => {
      const query = c.req.valid('query');
      return cachedJson(c, `trend ${JSON.stringify(query)}`, () => responseTrend(c.var.deps, query), running);
    },
  )
  .get(
    '/awaiting-context',
    describeRoute({
      tags,
      summary: 'Is this wait unusual? Each open call against its ministry’s record',
      description:
        'For each call still awaiting, longest wait first (the order of GET /calls/awaiting): how long it has waited and the estimated share of its ' +
        "callee ministry's calls that had a reply sooner (Kaplan–Meier, all time: 1 − S(elapsed)), with the ministry's medians.",
      responses: { 200: jsonDoc('One page of open calls with their context', AwaitingContextList), 400: problemDoc('A bad limit, cursor or ministryId'), ...authProblems },
    }),
    requireRole('viewer'),
    validate('query', AwaitingContextQuery),
    async (c) => {
      const query = c.req.valid('query');
      return cachedJson(c, `awaiting-context ${JSON.stringify(query)}`, () => awaitingContext(c.var.deps, query), running);
    },
  );
