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
    async (c) => c.json(await listTokens(c.var.deps, currentUser(c), c.req.valid('query'))),
  )
  .post(
    '/',
    describeRoute({
      tags,
      summary: 'Create a personal API token',
      description:
        'The answer carries the token’s secret, shown this once: send it as `Authorization: Bearer <token>`. It acts with your role, and stops working when deleted or when your account is disabled.',
      responses: {
        201: jsonDoc('The new token, with its secret', ApiTokenCreated),
        400: badJsonDoc,
        401: authProblems[401],
        403: problemDoc('Sent from another site'),
        422: invalidBodyDoc(),
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
      await deleteToken(c.var.deps, currentUser(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
