import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { MfaDisable, MfaEnable, MfaSetup, MfaStatus, RecoveryCodes } from '#shared/schemas/auth.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, badJsonDoc, invalidBodyDoc, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from './middleware.ts';
import { disableMfa, enableMfa, mfaStatus, regenerateRecoveryCodes, startMfaSetup } from './mfa-service.ts';
import { requireRecentLogin } from './reauth.ts';

const tags = ['two-factor authentication'];
const notRecent = problemDoc('Sent from another site, or the last login is not recent (`code: reauthentication_required`: see `POST /auth/reauthenticate`)');

export const mfaRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'Your two-factor authentication: on or off, recovery codes left, whether it is required',
      responses: { 200: jsonDoc('Two-factor status', MfaStatus), ...authProblems },
    }),
    requireRole('viewer'),
    async (c) => c.json(await mfaStatus(c.var.deps, currentUser(c))),
  )
  .post(
    '/setup',
    describeRoute({
      tags,
      summary: 'Start setting up an authenticator app (TOTP)',
      description:
        'Answers a new secret (RFC 6238: 30-second steps, 6 digits, SHA-1) and its otpauth:// URL; `POST /auth/mfa/enable` with a code from the app turns it on. ' +
        'With two-factor already on, this moves it to another device: the old one works until the new one is confirmed. Needs a recent login.',
      responses: { 200: jsonDoc('The secret, not yet in force', MfaSetup), 401: authProblems[401], 403: notRecent },
    }),
    requireRole('viewer'),
    async (c) => {
      const user = currentUser(c);
      await requireRecentLogin(c.var.deps, user, {});
      return c.json(await startMfaSetup(c.var.deps, user));
    },
  )
  .post(
    '/enable',
    describeRoute({
      tags,
      summary: 'Turn two-factor authentication on with a code from the app',
      description: 'Answers 10 one-time recovery codes, shown this once (the server keeps only their hashes). Your other sessions end.',
      responses: {
        200: jsonDoc('On; the recovery codes', RecoveryCodes),
        400: badJsonDoc,
        ...authProblems,
        409: problemDoc('No setup is waiting to be confirmed'),
        422: invalidBodyDoc('The code is not the one the app shows now'),
      },
    }),
    requireRole('viewer'),
    validate('json', MfaEnable),
    async (c) => c.json(await enableMfa(c.var.deps, currentUser(c), c.req.valid('json').code)),
  )
  .post(
    '/disable',
    describeRoute({
      tags,
      summary: 'Turn two-factor authentication off (password and a current code)',
      description: 'Refused (409) for an account that must use it (`MFA_REQUIRED`: admins, or everyone). Your other sessions end.',
      responses: {
        204: { description: 'Off' },
        400: badJsonDoc,
        ...authProblems,
        409: problemDoc('Two-factor authentication is required for this account, or is not on'),
        422: invalidBodyDoc('The password or code is not right'),
        429: problemDoc('Too many failed attempts; `Retry-After` says how many seconds to wait'),
      },
    }),
    requireRole('viewer'),
    validate('json', MfaDisable),
    async (c) => {
      await disableMfa(c.var.deps, currentUser(c), c.req.valid('json'));
      return c.body(null, 204);
    },
  )
  .post(
    '/recovery-codes',
    describeRoute({
      tags,
      summary: 'New recovery codes (the old ones stop working)',
      description: 'Needs a recent login.',
      responses: { 200: jsonDoc('The new codes, shown this once', RecoveryCodes), 401: authProblems[401], 403: notRecent, 409: problemDoc('Two-factor authentication is not on') },
    }),
    requireRole('viewer'),
    async (c) => {
      const user = currentUser(c);
      await requireRecentLogin(c.var.deps, user, {});
      return c.json(await regenerateRecoveryCodes(c.var.deps, user));
    },
  );
