import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { IdParam } from '#shared/schemas/common.ts';
import { Attempt, AttemptCreate, AttemptList, AttemptQuery } from '#shared/schemas/rounds.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { createAttempt, listAttempts } from './attempts-service.ts';

const tags = ['calls'];
const missing = problemDoc('No such call (or it was deleted)');

/** Follow-up attempts, under /calls/:id/attempts. */
export const attemptsRoutes = new Hono<AppEnv>()
  .get(
    '/:id/attempts',
    describeRoute({
      tags,
      summary: "A call's follow-up attempts, oldest first",
      description: 'The tries after the first (the call itself, at placedAt). Keyset pagination: follow `nextCursor`.',
      responses: { 200: jsonDoc('One page of attempts', AttemptList), 400: problemDoc('A bad cursor'), ...authProblems, 404: missing },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    validate('query', AttemptQuery),
    async (c) => c.json(await listAttempts(c.var.deps, c.req.valid('param').id, c.req.valid('query'))),
  )
  .post(
    '/:id/attempts',
    describeRoute({
      tags,
      summary: 'Record another try to reach the callee',
      description:
        '`at` lies in [placedAt, respondedAt ?? closedAt ?? now] (a few minutes ahead of the server\'s clock are allowed for clock skew, as for calls). ' +
        'The attempt, the call\'s next version (attempts + 1, lastAttemptAt) and its history entry commit together; the event stream says call.updated. ' +
        'No duration changes: waitingMs, responseMs and the statistics still run from placedAt. Reopening a call keeps its attempts.',
      responses: {
        201: jsonDoc('The stored attempt', Attempt, { Location: { description: "The call's attempts", schema: { type: 'string' } } }),
        400: problemDoc('The body is not JSON'),
        ...authProblems,
        404: missing,
        413: problemDoc('The body is larger than 1 MiB'),
        422: problemDoc('A field breaks the rules (`at` outside the call\'s wait, or in the future); `errors` names each one'),
      },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    validate('json', AttemptCreate),
    async (c) => {
      const id = c.req.valid('param').id;
      const attempt = await createAttempt(c.var.deps, currentUser(c), id, c.req.valid('json'));
      return c.json(attempt, 201, { Location: `/api/calls/${id}/attempts` });
    },
  );
