import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { IdParam } from '#shared/schemas/common.ts';
import { HistoryList, HistoryQuery } from '#shared/schemas/history.ts';
import { MAX_ROUND_CALLS, RoundCreate, RoundDetail, RoundList, RoundListQuery, RoundPatch } from '#shared/schemas/rounds.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { etagOf, ifMatchVersions } from '../calls/preconditions.ts';
import { createRound, deleteRound, getRound, listRounds, roundHistory, updateRound } from './service.ts';

const tags = ['rounds'];
const etagHeader = { ETag: { description: 'The round\'s version, quoted (e.g. "3"): send it back as If-Match to change or delete the round', schema: { type: 'string' as const } } };
const missing = problemDoc('No such round');
const ifMatchParameter = {
  in: 'header' as const,
  name: 'If-Match',
  required: true,
  description: 'The ETag of the version the change is based on, e.g. "3" (W/"3" is accepted too)',
  schema: { type: 'string' as const, example: '"3"' },
};
const preconditionProblems = {
  412: problemDoc('The round has changed since that version (the answer carries the current ETag)'),
  428: problemDoc('If-Match is missing (or is *)'),
};
const summaryText =
  "Each round has `summary`: its calls, replied (answered + returned + declined), awaiting and withdrawn counts, the nearest-rank median response time, the longest wait still running by the server's clock (null if none), and the last reply's time.";

export const roundsRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'List rounds, newest first, each with its summary',
      description: `${summaryText} The summaries of a whole page come from two grouped queries, whatever its size. \`open=true\` keeps the rounds with an awaiting call. Keyset pagination: follow \`nextCursor\`.`,
      responses: { 200: jsonDoc('One page of rounds', RoundList), 400: problemDoc('A bad filter or cursor'), ...authProblems },
    }),
    requireRole('viewer'),
    validate('query', RoundListQuery),
    async (c) => c.json(await listRounds(c.var.deps, c.req.valid('query'))),
  )
  .post(
    '/',
    describeRoute({
      tags,
      summary: 'Log a round, with its calls at once',
      description:
        `With \`calls\` (1 to ${MAX_ROUND_CALLS}, each callee once), every call is logged with the round in one transaction: placedAt defaults to triggerAt or the server's now, channel to phone, topic to the trigger, and the caller is the initiator (required then). ` +
        'Bad input anywhere (an unknown official, the same callee twice, the initiator as a callee, a future time) stores nothing. title defaults to the trigger.',
      responses: {
        201: jsonDoc('The stored round with its calls', RoundDetail, { ...etagHeader, Location: { description: 'Where the round lives', schema: { type: 'string' } } }),
        400: problemDoc('The body is not JSON'),
        ...authProblems,
        413: problemDoc('The body is larger than 1 MiB'),
        422: problemDoc('A field breaks the rules; `errors` names each one (e.g. `calls.2.calleeId`)'),
      },
    }),
    requireRole('analyst'),
    validate('json', RoundCreate),
    async (c) => {
      const round = await createRound(c.var.deps, currentUser(c), c.req.valid('json'));
      return c.json(round, 201, { Location: `/api/rounds/${round.id}`, ETag: etagOf(round.version) });
    },
  )
  .get(
    '/:id',
    describeRoute({
      tags,
      summary: 'One round, with its summary and its calls',
      description: `${summaryText} \`calls\` are the round's calls with their parties: awaiting ones first, longest wait first (with waitingMs and the callee's availability), then the replied ones by responseMs, withdrawn ones last.`,
      responses: { 200: jsonDoc('The round', RoundDetail, etagHeader), ...authProblems, 404: missing },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    async (c) => {
      const round = await getRound(c.var.deps, c.req.valid('param').id);
      return c.json(round, 200, { ETag: etagOf(round.version) });
    },
  )
  .patch(
    '/:id',
    describeRoute({
      tags,
      summary: "Change a round's own fields",
      description: "Its calls move in and out with PATCH /calls/:id (roundId). A patch that changes nothing stores nothing and answers the round as it is (same version).",
      parameters: [ifMatchParameter],
      responses: {
        200: jsonDoc('The stored round', RoundDetail, etagHeader),
        400: problemDoc('The body is not JSON, or If-Match is not an entity tag'),
        ...authProblems,
        404: missing,
        ...preconditionProblems,
        422: problemDoc('A field breaks the rules (an unknown initiator, a future triggerAt); `errors` names each one'),
      },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    validate('json', RoundPatch),
    async (c) => {
      const versions = ifMatchVersions(c.req.header('If-Match'));
      const round = await updateRound(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json'), versions);
      return c.json(round, 200, { ETag: etagOf(round.version) });
    },
  )
  .delete(
    '/:id',
    describeRoute({
      tags,
      summary: 'Delete a round; its calls stay, out of any round',
      description: "Each of the round's calls gets roundId null as its next version, recorded in its history, in the same transaction.",
      parameters: [ifMatchParameter],
      responses: { 204: { description: 'Deleted' }, 400: problemDoc('If-Match is not an entity tag'), ...authProblems, 404: missing, ...preconditionProblems },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    async (c) => {
      const versions = ifMatchVersions(c.req.header('If-Match'));
      await deleteRound(c.var.deps, currentUser(c), c.req.valid('param').id, versions);
      return c.body(null, 204);
    },
  )
  .get(
    '/:id/history',
    describeRoute({
      tags,
      summary: "A round's audit history, oldest first",
      description: 'Its create, changes and delete, with the round before and after (without its summary). The history of a deleted round remains readable.',
      responses: { 200: jsonDoc('One page of history entries', HistoryList), 400: problemDoc('A bad cursor'), ...authProblems, 404: missing },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    validate('query', HistoryQuery),
    async (c) => c.json(await roundHistory(c.var.deps, c.req.valid('param').id, c.req.valid('query'))),
  );
