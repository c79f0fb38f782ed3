import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { describeRoute } from 'hono-openapi';
import { LoginRequest, PasswordChange, SetupRequest, SetupStatus, User } from '#shared/schemas/users.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, badJsonDoc, invalidBodyDoc, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { SESSION_COOKIE, clearSessionCookie, currentUser, requireRole, setSessionCookie } from './middleware.ts';
import { changeOwnPassword, login, logout, me, needsSetup, setup } from './service.ts';

const tags = ['auth'];
const invalidBody = invalidBodyDoc();
const sessionCookie = {
  'Set-Cookie': { description: '`readout_session`: the session, HttpOnly, SameSite=Lax', schema: { type: 'string' as const } },
};

export const authRoutes = new Hono<AppEnv>()
  .get(
    '/setup',
    describeRoute({
      tags,
      summary: 'Whether Readout still needs its first admin',
      description: 'True until `POST /auth/setup` has created the first account; the dashboard shows its setup screen from it.',
      security: [],
      responses: { 200: jsonDoc('Whether setup is needed', SetupStatus) },
    }),
    async (c) => c.json({ needsSetup: await needsSetup(c.var.deps) }),
  )
  .post(
    '/setup',
    describeRoute({
      tags,
      summary: 'Create the first admin and log in',
      description: 'Works only while no user exists; every later account is made by an admin through `POST /users`.',
      security: [],
      responses: {
        201: jsonDoc('The new admin, logged in', User, sessionCookie),
        400: badJsonDoc,
        403: problemDoc('Sent from another site'),
        409: problemDoc('Readout is already set up'),
        422: invalidBody,
      },
    }),
    validate('json', SetupRequest),
    async (c) => {
      const { user, sessionId } = await setup(c.var.deps, c.req.valid('json'));
      setSessionCookie(c, sessionId);
      return c.json(user, 201);
    },
  )
  .post(
    '/login',
    describeRoute({
      tags,
      summary: 'Log in with username and password',
      description:
        'Sets the session cookie. After 5 failed attempts for a username within 15 minutes, further attempts answer 429 (with `Retry-After`) for 15 minutes.',
      security: [],
      responses: {
        200: jsonDoc('The user, logged in', User, sessionCookie),
        400: badJsonDoc,
        401: problemDoc('The username or password is not right, or the account is disabled'),
        403: problemDoc('Sent from another site'),
        422: invalidBody,
        429: problemDoc('Too many failed attempts for this username; `Retry-After` says how many seconds to wait'),
      },
    }),
    validate('json', LoginRequest),
    async (c) => {
      const { user, sessionId } = await login(c.var.deps, c.req.valid('json'));
      setSessionCookie(c, sessionId);
      return c.json(user);
    },
  )
  .post(
    '/logout',
    describeRoute({
      tags,
      summary: 'End this browser session',
      description: 'Deletes the session and clears its cookie. Answers 204 even without a session, so a stale cookie can always be cleared.',
      responses: { 204: { description: 'Logged out' }, 403: problemDoc('Sent from another site') },
    }),
    async (c) => {
      await logout(c.var.deps, getCookie(c, SESSION_COOKIE));
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  )
  .get(
    '/me',
    describeRoute({
      tags,
      summary: 'Who is logged in (or owns the API token)',
      responses: { 200: jsonDoc('The current user', User), 401: authProblems[401] },
    }),
    requireRole('viewer'),
    async (c) => c.json(await me(c.var.deps, currentUser(c))),
  )
  .post(
    '/password',
    describeRoute({
      tags,
      summary: 'Change your own password',
      description: 'Needs the current password. Ends your other browser sessions; this one stays logged in. Failed attempts count towards the login limit.',
      responses: {
        204: { description: 'Changed' },
        400: badJsonDoc,
        ...authProblems,
        422: invalidBody,
        429: problemDoc('Too many failed attempts; `Retry-After` says how many seconds to wait'),
      },
    }),
    requireRole('viewer'),
    validate('json', PasswordChange),
    async (c) => {
      await changeOwnPassword(c.var.deps, currentUser(c), c.req.valid('json'), getCookie(c, SESSION_COOKIE));
      return c.body(null, 204);
    },
  );
