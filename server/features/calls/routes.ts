import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { AwaitingList, AwaitingQuery, Call, CallCreate, CallList, CallListQuery, CallPatch } from '#shared/schemas/calls.ts';
import { IdParam } from '#shared/schemas/common.ts';
import { HistoryList, HistoryQuery } from '#shared/schemas/history.ts';
import { RUNNING_MAX_AGE_MS, cachedJson } from '../../lib/answer-cache.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { IDEMPOTENCY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH, idempotencyKeyOf } from './idempotency.ts';
import { etagOf, ifMatchVersions } from './preconditions.ts';
import { callHistory, createCall, deleteCall, getCall, listAwaitingCalls, listCalls, updateCall } from './service.ts';

const tags = ['calls'];
const etagHeader = { ETag: { description: 'The call\'s version, quoted (e.g. "3"): send it back as If-Match to change or delete the call', schema: { type: 'string' as const } } };
const invalidText =
  'A field breaks the rules (unknown fields, impossible or future dates, caller = callee, unknown officials, a timestamp that does not fit the status); `errors` names each one';
const invalidBody = problemDoc(invalidText);
const missing = problemDoc('No such call');
const ifMatchParameter = {
  in: 'header' as const,
  name: 'If-Match',
  required: true,
  description: 'The ETag of the version the change is based on, e.g. "3" (W/"3" is accepted too)',
  schema: { type: 'string' as const, example: '"3"' },
};
const preconditionProblems = {
  412: problemDoc('The call has changed since that version (the answer carries the current ETag)'),
  428: problemDoc('If-Match is missing (or is *)'),
};

export const callsRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'List calls, newest first, with filters',
      description: 'Keyset pagination on (placedAt, id): follow `nextCursor` with the same filters and order. `q` matches text in the topic or notes, ignoring case.',
      responses: { 200: jsonDoc('One page of calls, each with its caller and callee', CallList), 400: problemDoc('A bad filter or cursor'), ...authProblems },
    }),
    requireRole('viewer'),
    validate('query', CallListQuery),
    async (c) => {
      const query = c.req.valid('query');
      // A page of closed calls stays the answer until the database changes; one with an open call's running wait, a second at most.
      const running = (page: { items: { respondedAt: string | null; closedAt: string | null }[] }) =>
        page.items.some((call) => call.respondedAt === null && call.closedAt === null) ? RUNNING_MAX_AGE_MS : Infinity;
      return cachedJson(c, `calls ${JSON.stringify(query)}`, () => listCalls(c.var.deps, query), running);
    },
  )
  // Before '/:id', which would otherwise take "awaiting" for an id.
  .get(
    '/awaiting',
    describeRoute({
      tags,
      summary: 'Open calls, longest wait first',
      description: "Calls with status awaiting, by placedAt ascending, each with its caller and callee and `waitingMs` (how long it has waited, by the server's clock when it answered).",
      responses: { 200: jsonDoc('One page of open calls', AwaitingList), 400: problemDoc('A bad filter or cursor'), ...authProblems },
    }),
    requireRole('viewer'),
    validate('query', AwaitingQuery),
    async (c) => {
      const query = c.req.valid('query');
      return cachedJson(c, `awaiting ${JSON.stringify(query)}`, () => listAwaitingCalls(c.var.deps, query), (page) => (page.items.length ? RUNNING_MAX_AGE_MS : Infinity));
    },
  )
  .post(
    '/',
    describeRoute({
      tags,
      summary: 'Log a call, possibly with its outcome',
      description:
        'status defaults to awaiting. A replied or withdrawn status without its timestamp takes the server\'s now (answered takes placedAt). ' +
        `With an ${IDEMPOTENCY_HEADER}, a retry with the same key and the same body answers the first result (marked Idempotent-Replayed: true) and stores nothing new; ` +
        'the same key with a different body is a 422. Keys are per user.',
      parameters: [
        {
          in: 'header',
          name: IDEMPOTENCY_HEADER,
          required: false,
          description: 'Any unique string (a UUID is ideal) naming this request, so retrying it is safe',
          schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH },
        },
      ],
      responses: {
        201: jsonDoc('The stored call', Call, {
          ...etagHeader,
          Location: { description: 'Where the call lives', schema: { type: 'string' } },
          'Idempotent-Replayed': { description: '"true" when this answers a retry', schema: { type: 'string' } },
        }),
        400: problemDoc(`The body is not JSON, or the ${IDEMPOTENCY_HEADER} is empty or too long`),
        ...authProblems,
        413: problemDoc('The body is larger than 1 MiB'),
        422: problemDoc(`${invalidText}; or the ${IDEMPOTENCY_HEADER} was already used with a different body`),
      },
    }),
    requireRole('analyst'),
    validate('json', CallCreate),
    async (c) => {
      const key = idempotencyKeyOf(c.req.header(IDEMPOTENCY_HEADER));
      const { call, replayed } = await createCall(c.var.deps, currentUser(c), c.req.valid('json'), key);
      const headers: Record<string, string> = { Location: `/api/calls/${call.id}`, ETag: etagOf(call.version) };
      if (replayed) headers['Idempotent-Replayed'] = 'true';
      return c.json(call, 201, headers);
    },
  )
  .get(
    '/:id',
    describeRoute({
      tags,
      summary: 'One call',
      responses: { 200: jsonDoc('The call, with its caller and callee', Call, etagHeader), ...authProblems, 404: missing },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    async (c) => {
      const call = await getCall(c.var.deps, c.req.valid('param').id);
      return c.json(call, 200, { ETag: etagOf(call.version) });
    },
  )
  .patch(
    '/:id',
    describeRoute({
      tags,
      summary: 'Change a call (any subset of its fields)',
      description:
        'The patch is merged into the stored call and the result checked as a whole. Status moves: awaiting → any, any → awaiting (clearing respondedAt and closedAt); others are a 409. ' +
        'A move to a replied status or withdrawn without its timestamp takes the server\'s now (answered takes placedAt); clearing that timestamp without reopening is a 422. ' +
        'A patch that changes nothing stores nothing and answers the call as it is (same version).',
      parameters: [ifMatchParameter],
      responses: {
        200: jsonDoc('The stored call', Call, etagHeader),
        400: problemDoc('The body is not JSON, or If-Match is not an entity tag'),
        ...authProblems,
        404: missing,
        409: problemDoc('The status cannot move from its current value to the one asked (`errors` names status)'),
        ...preconditionProblems,
        422: invalidBody,
      },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    validate('json', CallPatch),
    async (c) => {
      const versions = ifMatchVersions(c.req.header('If-Match'));
      const call = await updateCall(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json'), versions);
      return c.json(call, 200, { ETag: etagOf(call.version) });
    },
  )
  .delete(
    '/:id',
    describeRoute({
      tags,
      summary: 'Delete a call (its history stays)',
      parameters: [ifMatchParameter],
      responses: {
        204: { description: 'Deleted' },
        400: problemDoc('If-Match is not an entity tag'),
        ...authProblems,
        404: missing,
        ...preconditionProblems,
      },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    async (c) => {
      const versions = ifMatchVersions(c.req.header('If-Match'));
      await deleteCall(c.var.deps, currentUser(c), c.req.valid('param').id, versions);
      return c.body(null, 204);
    },
  )
  .get(
    '/:id/history',
    describeRoute({
      tags,
      summary: "A call's audit history, oldest first",
      description: 'Every create, change and delete, with the call before and after. The history of a deleted call remains readable.',
      responses: { 200: jsonDoc('One page of history entries', HistoryList), 400: problemDoc('A bad cursor'), ...authProblems, 404: missing },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    validate('query', HistoryQuery),
    async (c) => c.json(await callHistory(c.var.deps, c.req.valid('param').id, c.req.valid('query'))),
  );
