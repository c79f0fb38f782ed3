import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { Notification, NotificationList, NotificationQuery, ReadAllResult } from '#shared/schemas/alerts.ts';
import { IdParam } from '#shared/schemas/common.ts';
import type { AppEnv } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { authProblems, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { listNotificationRows, markAllRead, markRead, unreadCount } from './notifications-repository.ts';

const tags = ['alerts'];

/** The signed-in user's own notifications; nobody sees another's. */
export const notificationsRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'Your notifications, newest first',
      description: 'Each new one is also sent on GET /api/events as `notification.created` (its id), to you alone. `unread` counts all your unread ones.',
      responses: { 200: jsonDoc('One page of notifications', NotificationList), 400: problemDoc('A bad limit or cursor'), ...authProblems },
    }),
    requireRole('viewer'),
    validate('query', NotificationQuery),
    async (c) => {
      const user = currentUser(c);
      const result = await listNotificationRows(c.var.deps.db, user.id, c.req.valid('query'));
      return c.json({ ...result, unread: await unreadCount(c.var.deps.db, user.id) });
    },
  )
  .post(
    '/read-all',
    describeRoute({ tags, summary: 'Mark all your notifications read', responses: { 200: jsonDoc('How many were marked', ReadAllResult), ...authProblems } }),
    requireRole('viewer'),
    async (c) => {
      const user = currentUser(c);
      const marked = await markAllRead(c.var.deps.db, user.id, c.var.deps.clock.now());
      return c.json({ marked, unread: await unreadCount(c.var.deps.db, user.id) });
    },
  )
  .post(
    '/:id/read',
    describeRoute({
      tags,
      summary: 'Mark one of your notifications read',
      responses: { 200: jsonDoc('The notification', Notification), ...authProblems, 404: problemDoc('No such notification of yours') },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    async (c) => {
      const id = c.req.valid('param').id;
      const notification = await markRead(c.var.deps.db, currentUser(c).id, id, c.var.deps.clock.now());
      if (!notification) throw notFound(`Notification ${id}`);
      return c.json(notification);
    },
  );
