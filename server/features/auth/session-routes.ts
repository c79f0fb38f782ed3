import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { SessionList } from '#shared/schemas/auth.ts';
import { IdParam, PageQuery } from '#shared/schemas/common.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { clearSessionCookie, currentUser, requireRole } from './middleware.ts';
import { requireRecentLogin } from './reauth.ts';
import { listSessions, revokeSession } from './sessions.ts';

const tags = ['auth'];

export const sessionRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'Your live sessions, newest first',
      description: 'Where and when you are logged in: each login is one session until you log out, it goes unused for SESSION_IDLE_MINUTES, or SESSION_HOURS have passed.',
      responses: { 200: jsonDoc('One page of sessions', SessionList), 400: problemDoc('A bad limit or cursor'), ...authProblems },
    }),
    requireRole('viewer'),
    validate('query', PageQuery),
    async (c) => c.json(await listSessions(c.var.deps, currentUser(c), c.req.valid('query'))),
  )
  .delete(
    '/:id',
    describeRoute({
      tags,
      summary: 'End one of your sessions',
      description: 'Ending another session needs a recent login; ending this one is logging out. Its event streams end too.',
      responses: {
        204: { description: 'Ended' },
        401: authProblems[401],
        403: problemDoc('Sent from another site, or the last login is not recent (`code: reauthentication_required`)'),
        404: problemDoc('You have no such session'),
      },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    async (c) => {
      const user = currentUser(c);
      const { id } = c.req.valid('param');
      const current = user.via === 'session' && id === user.credentialId;
      if (!current) await requireRecentLogin(c.var.deps, user, {});
      await revokeSession(c.var.deps, user, id);
      if (current) clearSessionCookie(c);
      return c.body(null, 204);
    },
  );
