import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { IdParam } from '#shared/schemas/common.ts';
import { User, UserCreate, UserList, UserListQuery, UserPatch } from '#shared/schemas/users.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, badJsonDoc, invalidBodyDoc, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { createUser, getUser, listUsers, updateUser } from './service.ts';

const tags = ['users'];
const invalidBody = invalidBodyDoc();

export const usersRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'List users by username (admin)',
      responses: { 200: jsonDoc('One page of users', UserList), 400: problemDoc('A bad limit or cursor'), ...authProblems },
    }),
    requireRole('admin'),
    validate('query', UserListQuery),
    async (c) => c.json(await listUsers(c.var.deps, c.req.valid('query'))),
  )
  .post(
    '/',
    describeRoute({
      tags,
      summary: 'Create a user (admin)',
      description:
        'Usernames are stored in lower case. The password is for the first login only: the user must change it then. ' +
        'Passwords are 10–256 characters, not one of the common or breached passwords of the shipped list, and do not contain the username or the word "readout". ' +
        'They are hashed with argon2id and never returned.',
      responses: {
        201: jsonDoc('The stored user', User, { Location: { description: 'Where the user lives', schema: { type: 'string' } } }),
        400: badJsonDoc,
        ...authProblems,
        409: problemDoc('The username is taken'),
        422: invalidBody,
      },
    }),
    requireRole('admin'),
    validate('json', UserCreate),
    async (c) => {
      const user = await createUser(c.var.deps, currentUser(c), c.req.valid('json'));
      return c.json(user, 201, { Location: `/api/users/${user.id}` });
    },
  )
  .get(
    '/:id',
    describeRoute({
      tags,
      summary: 'One user (admin)',
      responses: { 200: jsonDoc('The user', User), ...authProblems, 404: problemDoc('No such user') },
    }),
    requireRole('admin'),
    validate('param', IdParam),
    async (c) => c.json(await getUser(c.var.deps, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    describeRoute({
      tags,
      summary: 'Change a user’s name, role, password or disabled flag (admin)',
      description:
        'A new password (a reset: the user must change it at the next login) or `disabled: true` ends the user’s sessions and revokes their API tokens. ' +
        'The last active admin cannot be demoted or disabled (409). An admin changes their own password with the current one (`POST /auth/password`), not here (422).',
      responses: {
        200: jsonDoc('The stored user', User),
        400: badJsonDoc,
        ...authProblems,
        404: problemDoc('No such user'),
        409: problemDoc('The change would leave no active admin'),
        422: invalidBody,
      },
    }),
    requireRole('admin'),
    validate('param', IdParam),
    validate('json', UserPatch),
    async (c) => c.json(await updateUser(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json'))),
  );
