import { type Context, Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { Reauthenticate } from '#shared/schemas/auth.ts';
import { LoginRequest, Me, MePatch, PasswordChange, SetupRequest, SetupStatus, User } from '#shared/schemas/users.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, badJsonDoc, invalidBodyDoc, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { mfaRoutes } from './mfa-routes.ts';
import { clearSessionCookie, currentUser, requireRole, sessionCookie, setSessionCookie } from './middleware.ts';
import { reauthenticate, requireRecentLogin } from './reauth.ts';
import { changeOwnPassword, login, logout, me, needsSetup, setup } from './service.ts';
import { updateOwnAccount } from '../users/service.ts';
import { sessionRoutes } from './session-routes.ts';
import { logoutEverywhere } from './sessions.ts';

const tags = ['auth'];
const invalidBody = invalidBodyDoc();
const sessionCookieDoc = {
  'Set-Cookie': {
    description: '`readout_session` (with SECURE_COOKIES: `__Host-readout_session`, Secure): the session, HttpOnly, SameSite=Lax',
    schema: { type: 'string' as const },
  },
};
const throttled = problemDoc('Too many failed logins for this username from this address, from this address, or for this username; `Retry-After` says how many seconds to wait');

/** Logging out also tells the browser to drop what it cached and its cookies for this site. */
function loggedOut(c: Context<AppEnv>) {
  clearSessionCookie(c);
  c.header('Clear-Site-Data', '"cache", "cookies"');
  return c.body(null, 204);
}

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
      description: 'Works only while no user exists; every later account is made by an admin through `POST /users`. The password rules are those of every password (see `POST /users`).',
      security: [],
      responses: {
        201: jsonDoc('The new admin, logged in', User, sessionCookieDoc),
        400: badJsonDoc,
        403: problemDoc('Sent from another site'),
        409: problemDoc('Readout is already set up'),
        422: invalidBody,
      },
    }),
    validate('json', SetupRequest),
    async (c) => {
      const { user, session } = await setup(c.var.deps, c.req.valid('json'), c.var.request);
      setSessionCookie(c, session.secret);
      return c.json(user, 201);
    },
  )
  .post(
    '/login',
    describeRoute({
      tags,
      summary: 'Log in with username, password and (once enrolled) a two-factor code',
      description:
        'Sets the session cookie and ends the session this browser had before. With two-factor authentication on, a login without `code` answers 401 with `mfaRequired: true`; ' +
        'send it again with a current code from the authenticator app (each code works once) or an unused recovery code. ' +
        'Failed attempts are limited per username and address (5 in 15 minutes), per address (20 in 15 minutes) and per username (from the 10th failure, growing waits for addresses it has not logged in from): beyond a limit the answer is 429 with `Retry-After`.',
      security: [],
      responses: {
        200: jsonDoc('The user, logged in', User, sessionCookieDoc),
        400: badJsonDoc,
        401: problemDoc('The username or password is not right, the account is disabled, or a two-factor code is needed (`mfaRequired`) or was not right'),
        403: problemDoc('Sent from another site'),
        422: invalidBody,
        429: throttled,
      },
    }),
    validate('json', LoginRequest),
    async (c) => {
      const { user, session } = await login(c.var.deps, c.req.valid('json'), c.var.request, sessionCookie(c));
      setSessionCookie(c, session.secret);
      return c.json(user);
    },
  )
  .post(
    '/logout',
    describeRoute({
      tags,
      summary: 'End this browser session',
      description:
        'Deletes the session, clears its cookie and sends `Clear-Site-Data: "cache", "cookies"`. Answers 204 even without a session, so a stale cookie can always be cleared. An event stream opened with the session ends too.',
      responses: { 204: { description: 'Logged out' }, 403: problemDoc('Sent from another site') },
    }),
    async (c) => {
      await logout(c.var.deps, sessionCookie(c), c.var.request);
      return loggedOut(c);
    },
  )
  .post(
    '/logout-all',
    describeRoute({
      tags,
      summary: 'Log out everywhere: end every session of yours, this one too',
      description: `Needs a recent login (see \`POST /auth/reauthenticate\`). API tokens are not sessions: revoke them under \`/tokens\`.`,
      responses: { 204: { description: 'Every session ended' }, ...authProblems, 403: problemDoc('Sent from another site, or the last login is not recent (`code: reauthentication_required`)') },
    }),
    requireRole('viewer'),
    async (c) => {
      const user = currentUser(c);
      await requireRecentLogin(c.var.deps, user, {});
      await logoutEverywhere(c.var.deps, user);
      return loggedOut(c);
    },
  )
  .post(
    '/reauthenticate',
    describeRoute({
      tags,
      summary: 'Confirm it is you, for the sensitive actions of the next 10 minutes',
      description:
        'Creating a token, setting up two-factor authentication, new recovery codes and ending other sessions need a login (password or code) within the last 10 minutes. This renews it: send your password, or a two-factor code. Wrong ones count as failed logins. ' +
        'As at any login, the session is replaced by a new one (a new cookie).',
      responses: { 204: { description: 'Confirmed', headers: sessionCookieDoc }, 400: badJsonDoc, ...authProblems, 422: invalidBodyDoc('The password or code is not right'), 429: throttled },
    }),
    requireRole('viewer'),
    validate('json', Reauthenticate),
    async (c) => {
      const session = await reauthenticate(c.var.deps, currentUser(c), c.req.valid('json'));
      if (session) setSessionCookie(c, session.secret);
      return c.body(null, 204);
    },
  )
  .get(
    '/me',
    describeRoute({
      tags,
      summary: 'Who is logged in (or owns the API token), and what they must do first',
      responses: { 200: jsonDoc('The current user', Me), 401: authProblems[401] },
    }),
    requireRole('viewer'),
    async (c) => c.json(await me(c.var.deps, currentUser(c))),
  )
  .patch(
    '/me',
    describeRoute({
      tags,
      summary: 'Change your own email address, time zone or daily briefing time',
      description:
        '`briefingAt` ("HH:MM", in `timeZone`, UTC when unset) subscribes you to the daily briefing by email; null ends it. It needs an email address. ' +
        'Changing the email address needs a recent login (as creating a token does), since alerts and briefings go there.',
      responses: {
        200: jsonDoc('You, as GET /auth/me answers', Me),
        400: badJsonDoc,
        ...authProblems,
        403: problemDoc('Sent from another site, or the email changes and the last login is not recent (`code: reauthentication_required`)'),
        422: invalidBodyDoc('A field breaks the rules (an address that is not one, an unknown time zone, a time not HH:MM, a briefing time without an address)'),
      },
    }),
    requireRole('viewer'),
    validate('json', MePatch),
    async (c) => {
      const user = currentUser(c);
      const patch = c.req.valid('json');
      if (patch.email !== undefined) await requireRecentLogin(c.var.deps, user, {});
      await updateOwnAccount(c.var.deps, user, patch);
      return c.json(await me(c.var.deps, user));
    },
  )
  .post(
    '/password',
    describeRoute({
      tags,
      summary: 'Change your own password',
      description:
        'Needs the current password. The new one must be 10–256 characters, not a common or breached password, and not contain your username. ' +
        'Ends your other browser sessions and revokes all your API tokens; this session stays logged in. Failed attempts count towards the login limits.',
      responses: {
        204: { description: 'Changed' },
        400: badJsonDoc,
        ...authProblems,
        422: invalidBody,
        429: throttled,
      },
    }),
    requireRole('viewer'),
    validate('json', PasswordChange),
    async (c) => {
      await changeOwnPassword(c.var.deps, currentUser(c), c.req.valid('json'));
      return c.body(null, 204);
    },
  )
  .route('/mfa', mfaRoutes)
  .route('/sessions', sessionRoutes);
