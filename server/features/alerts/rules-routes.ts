import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { AlertRule, AlertRuleCreate, AlertRuleList, AlertRulePatch } from '#shared/schemas/alerts.ts';
import { IdParam } from '#shared/schemas/common.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, badJsonDoc, invalidBodyDoc, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { createRule, getRule, listRules, patchRule, removeRule } from './rules-service.ts';

const tags = ['alerts'];
const invalidBody = invalidBodyDoc(
  'A field breaks the rules (thresholdMs is required for wait_exceeds and refused for other kinds; webhookId goes with the webhook channel; an unknown ministry or round)',
);
const missing = problemDoc('No such rule (or it is another user’s)');

/** Alert rules: each analyst's own; admins see and edit all. */
export const alertRulesRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'Alert rules: your own (an admin: everyone’s), oldest first',
      responses: { 200: jsonDoc('The rules', AlertRuleList), ...authProblems },
    }),
    requireRole('analyst'),
    async (c) => c.json({ items: await listRules(c.var.deps, currentUser(c)) }),
  )
  .post(
    '/',
    describeRoute({
      tags,
      summary: 'Create an alert rule (yours)',
      description:
        'A rule fires at most once per call and kind (again after the call is reopened), on every change of a call and at least every 15 s. `channels` defaults to app.',
      responses: {
        201: jsonDoc('The stored rule', AlertRule, { Location: { description: 'Where the rule lives', schema: { type: 'string' } } }),
        400: badJsonDoc,
        ...authProblems,
        422: invalidBody,
      },
    }),
    requireRole('analyst'),
    validate('json', AlertRuleCreate),
    async (c) => {
      const rule = await createRule(c.var.deps, currentUser(c), c.req.valid('json'));
      return c.json(rule, 201, { Location: `/api/alert-rules/${rule.id}` });
    },
  )
  .get(
    '/:id',
    describeRoute({ tags, summary: 'One alert rule', responses: { 200: jsonDoc('The rule', AlertRule), ...authProblems, 404: missing } }),
    requireRole('analyst'),
    validate('param', IdParam),
    async (c) => c.json(await getRule(c.var.deps, currentUser(c), c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    describeRoute({
      tags,
      summary: 'Change an alert rule (any subset of its fields); enabled: false pauses it',
      description: 'The patch is merged into the stored rule and the result checked as a whole. Moving away from wait_exceeds drops the threshold.',
      responses: { 200: jsonDoc('The stored rule', AlertRule), 400: badJsonDoc, ...authProblems, 404: missing, 422: invalidBody },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    validate('json', AlertRulePatch),
    async (c) => c.json(await patchRule(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json'))),
  )
  .delete(
    '/:id',
    describeRoute({ tags, summary: 'Delete an alert rule (its notifications stay)', responses: { 204: { description: 'Deleted' }, ...authProblems, 404: missing } }),
    requireRole('analyst'),
    validate('param', IdParam),
    async (c) => {
      await removeRule(c.var.deps, currentUser(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
