import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import { SessionList } from '#shared/schemas/auth.ts';
import { Id, IdParam, PageQuery } from '#shared/schemas/common.ts';
import { ApiTokenList } from '#shared/schemas/users.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { resetMfa } from '../auth/mfa-service.ts';
import { endSessionsOf, listSessions } from '../auth/sessions.ts';
import { deleteToken, listTokens } from '../tokens/service.ts';
import { userRow } from './service.ts';

const tags = ['users'];
const noUser = problemDoc('No such user');
const TokenParam = z.strictObject({ id: Id, tokenId: Id });

/** What an admin may see and end of anyone's credentials: tokens, sessions, two-factor. */
export const userCredentialRoutes = new Hono<AppEnv>()
  .get(
    '/:id/tokens',
    describeRoute({
      tags,
      summary: 'A user’s API tokens, newest first (admin)',
      responses: { 200: jsonDoc('One page of the user’s tokens', ApiTokenList), 400: problemDoc('A bad limit or cursor'), ...authProblems, 404: noUser },
    }),
    requireRole('admin'),
    validate('param', IdParam),
    validate('query', PageQuery),
    async (c) => {
      const user = await userRow(c.var.deps, c.req.valid('param').id);
      return c.json(await listTokens(c.var.deps, user.id, c.req.valid('query')));
    },
  )
  .delete(
    '/:id/tokens/:tokenId',
    describeRoute({
      tags,
      summary: 'Revoke a user’s API token (admin)',
      responses: { 204: { description: 'Revoked; the token no longer works' }, ...authProblems, 404: problemDoc('No such user, or the user has no such token') },
    }),
    requireRole('admin'),
    validate('param', TokenParam),
    async (c) => {
      const { id, tokenId } = c.req.valid('param');
      const user = await userRow(c.var.deps, id);
      await deleteToken(c.var.deps, currentUser(c), user.id, tokenId);
      return c.body(null, 204);
    },
  )
  .get(
    '/:id/sessions',
    describeRoute({
      tags,
      summary: 'A user’s live sessions, newest first (admin)',
      responses: { 200: jsonDoc('One page of the user’s sessions', SessionList), 400: problemDoc('A bad limit or cursor'), ...authProblems, 404: noUser },
    }),
    requireRole('admin'),
    validate('param', IdParam),
    validate('query', PageQuery),
    async (c) => {
      const user = await userRow(c.var.deps, c.req.valid('param').id);
      return c.json(await listSessions(c.var.deps, currentUser(c), c.req.valid('query'), user.id));
    },
  )
  .delete(
    '/:id/sessions',
    describeRoute({
      tags,
      summary: 'End every session of a user (admin)',
      description: 'The user is logged out everywhere; their event streams end. Their API tokens are not sessions: revoke those one by one, or disable the user.',
      responses: { 204: { description: 'Ended' }, ...authProblems, 404: noUser },
    }),
    requireRole('admin'),
    validate('param', IdParam),
    async (c) => {
      const user = await userRow(c.var.deps, c.req.valid('param').id);
      await endSessionsOf(c.var.deps, currentUser(c), user.id, user.username);
      return c.body(null, 204);
    },
  )
  .delete(
    '/:id/mfa',
    describeRoute({
      tags,
      summary: 'Remove a user’s two-factor authentication (admin)',
      description:
        'For a user who lost their authenticator and their recovery codes; check who is asking by other means first. Their sessions end; an account that must use two-factor authentication enrols again at its next login.',
      responses: { 204: { description: 'Removed' }, ...authProblems, 404: noUser, 409: problemDoc('The user does not use two-factor authentication') },
    }),
    requireRole('admin'),
    validate('param', IdParam),
    async (c) => {
      await resetMfa(c.var.deps, currentUser(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
