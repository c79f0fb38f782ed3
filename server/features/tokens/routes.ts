import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { IdParam, PageQuery } from '#shared/schemas/common.ts';
import { ApiTokenCreate, ApiTokenCreated, ApiTokenList } from '#shared/schemas/users.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, badJsonDoc, invalidBodyDoc, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { createToken, deleteToken, listTokens } from './service.ts';

const tags = ['tokens'];

export const tokensRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'Your personal API tokens, newest first (never their secrets)',
      responses: { 200: jsonDoc('One page of your tokens', ApiTokenList), 400: problemDoc('A bad limit or cursor'), 401: authProblems[401] },
    }),
    requireRole('viewer'),
    validate('query', PageQuery),
    async (c) => c.json(await listTokens(c.var.deps, currentUser(c).id, c.req.valid('query'))),
  )
  .post(
    '/',
    describeRoute({
      tags,
      summary: 'Create a personal API token',
      description:
        'The answer carries the token’s secret, shown this once: send it as `Authorization: Bearer <token>`. It acts with your role until `expiresAt` (default 90 days, at most a year), ' +
        'and stops working when deleted, when your password is changed or reset, or when your account is disabled. ' +
        'Needs a recent login: a session that logged in (or confirmed with `POST /auth/reauthenticate`) within 10 minutes, or `password` (or a two-factor `code`) in the body.',
      responses: {
        201: jsonDoc('The new token, with its secret', ApiTokenCreated),
        400: badJsonDoc,
        401: authProblems[401],
        403: problemDoc('Sent from another site, or the last login is not recent and no password or code was sent (`code: reauthentication_required`)'),
        422: invalidBodyDoc('A field breaks the rules, the expiry is not within a year, or the password or code is not right'),
        429: problemDoc('Too many failed attempts; `Retry-After` says how many seconds to wait'),
      },
    }),
    requireRole('viewer'),
    validate('json', ApiTokenCreate),
    async (c) => c.json(await createToken(c.var.deps, currentUser(c), c.req.valid('json')), 201),
  )
  .delete(
    '/:id',
    describeRoute({
      tags,
      summary: 'Delete one of your tokens',
      responses: { 204: { description: 'Deleted; the token no longer works' }, 401: authProblems[401], 404: problemDoc('You have no such token') },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    async (c) => {
      const user = currentUser(c);
      await deleteToken(c.var.deps, user, user.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
