import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { IdParam, PageQuery } from '#shared/schemas/common.ts';
import { Delivery, DeliveryList, DeliveryListQuery, DeliveryParam, Webhook, WebhookCreate, WebhookCreated, WebhookList, WebhookPatch } from '#shared/schemas/webhooks.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, badJsonDoc, invalidBodyDoc, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, patchWebhook, resendDelivery, sendTestDelivery } from './service.ts';

const tags = ['webhooks'];
const urlRule =
  'The URL must be http or https, and its host must not be, or resolve to, a loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local (169.254/16, fe80::/10) or unspecified address, unless the host is listed in `WEBHOOK_ALLOW_HOSTS`; every try checks it again.';
const noWebhook = problemDoc('No such webhook');
const disabled = problemDoc('The webhook is disabled');

export const webhooksRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'The webhooks, oldest first (never their secrets)',
      responses: { 200: jsonDoc('One page of webhooks', WebhookList), 400: problemDoc('A bad limit or cursor'), ...authProblems },
    }),
    requireRole('admin'),
    validate('query', PageQuery),
    async (c) => c.json(await listWebhooks(c.var.deps, c.req.valid('query'))),
  )
  .post(
    '/',
    describeRoute({
      tags,
      summary: 'Add a webhook',
      description: `Alerts with the \`webhook\` channel are POSTed to it as JSON \`{ id, type, at, rule, call }\`, signed in \`Readout-Signature\`. The answer carries the signing secret (generated when none is sent), shown this once. ${urlRule}`,
      responses: { 201: jsonDoc('The new webhook, with its secret', WebhookCreated), 400: badJsonDoc, ...authProblems, 422: invalidBodyDoc('A field breaks the rules or the URL is refused') },
    }),
    requireRole('admin'),
    validate('json', WebhookCreate),
    async (c) => {
      const created = await createWebhook(c.var.deps, currentUser(c), c.req.valid('json'));
      c.header('Location', `/api/webhooks/${created.id}`);
      return c.json(created, 201);
    },
  )
  .get(
    '/:id',
    describeRoute({ tags, summary: 'One webhook', responses: { 200: jsonDoc('The webhook', Webhook), ...authProblems, 404: noWebhook } }),
    requireRole('admin'),
    validate('param', IdParam),
    async (c) => c.json(await getWebhook(c.var.deps, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    describeRoute({
      tags,
      summary: 'Change a webhook’s URL or secret, or disable and enable it',
      description: `Enabling clears the reason Readout gave for disabling it; deliveries still pending go out again. ${urlRule}`,
      responses: { 200: jsonDoc('The webhook as stored', Webhook), 400: badJsonDoc, ...authProblems, 404: noWebhook, 422: invalidBodyDoc('A field breaks the rules or the URL is refused') },
    }),
    requireRole('admin'),
    validate('param', IdParam),
    validate('json', WebhookPatch),
    async (c) => c.json(await patchWebhook(c.var.deps, c.req.valid('param').id, c.req.valid('json'))),
  )
  .delete(
    '/:id',
    describeRoute({ tags, summary: 'Delete a webhook and its delivery log', responses: { 204: { description: 'Deleted' }, ...authProblems, 404: noWebhook } }),
    requireRole('admin'),
    validate('param', IdParam),
    async (c) => {
      await deleteWebhook(c.var.deps, c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .get(
    '/:id/deliveries',
    describeRoute({
      tags,
      summary: 'The webhook’s deliveries, newest first, each with every try',
      responses: { 200: jsonDoc('One page of deliveries', DeliveryList), 400: problemDoc('A bad limit or cursor'), ...authProblems, 404: noWebhook },
    }),
    requireRole('admin'),
    validate('param', IdParam),
    validate('query', DeliveryListQuery),
    async (c) => c.json(await listDeliveries(c.var.deps, c.req.valid('param').id, c.req.valid('query'))),
  )
  .post(
    '/:id/deliveries/:deliveryId/resend',
    describeRoute({
      tags,
      summary: 'Send a delivery again now',
      description: 'The same body and `id` (receivers can tell a repeat), with a new 24 hours of retries.',
      responses: { 202: jsonDoc('The delivery, due now', Delivery), ...authProblems, 404: problemDoc('No such webhook or delivery'), 409: disabled },
    }),
    requireRole('admin'),
    validate('param', DeliveryParam),
    async (c) => {
      const { id, deliveryId } = c.req.valid('param');
      return c.json(await resendDelivery(c.var.deps, id, deliveryId), 202);
    },
  )
  .post(
    '/:id/test',
    describeRoute({
      tags,
      summary: 'Send a test delivery',
      description: 'Stores a delivery of type `webhook.test` (`rule` and `call` null), sent and retried like an alert.',
      responses: { 202: jsonDoc('The stored delivery', Delivery), ...authProblems, 404: noWebhook, 409: disabled },
    }),
    requireRole('admin'),
    validate('param', IdParam),
    async (c) => c.json(await sendTestDelivery(c.var.deps, c.req.valid('param').id), 202),
  );
