import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { IdParam } from '#shared/schemas/common.ts';
import {
  Official,
  OfficialContactList,
  OfficialContactQuery,
  OfficialCreate,
  OfficialList,
  OfficialListQuery,
  OfficialPatch,
} from '#shared/schemas/officials.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, badJsonDoc, invalidBodyDoc, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { createOfficial, deleteOfficial, getOfficial, listOfficialContacts, listOfficials, updateOfficial } from './service.ts';

const tags = ['officials'];
const invalidBody = invalidBodyDoc('A field breaks the rules, is not a field of this request, or ministryId names no ministry');
const missing = problemDoc('No such official');

export const officialsRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'List officials by name, filtered by text and ministry',
      responses: { 200: jsonDoc('One page of officials', OfficialList), 400: problemDoc('A bad filter or cursor'), ...authProblems },
    }),
    requireRole('viewer'),
    validate('query', OfficialListQuery),
    async (c) => c.json(await listOfficials(c.var.deps, c.req.valid('query'))),
  )
  .post(
    '/',
    describeRoute({
      tags,
      summary: 'Create an official',
      responses: {
        201: jsonDoc('The stored official', Official, { Location: { description: 'Where the official lives', schema: { type: 'string' } } }),
        400: badJsonDoc,
        ...authProblems,
        409: problemDoc('An official of this name already exists in this ministry'),
        422: invalidBody,
      },
    }),
    requireRole('analyst'),
    validate('json', OfficialCreate),
    async (c) => {
      const official = await createOfficial(c.var.deps, currentUser(c), c.req.valid('json'));
      return c.json(official, 201, { Location: `/api/officials/${official.id}` });
    },
  )
  .get(
    '/:id',
    describeRoute({
      tags,
      summary: 'One official, with their ministry',
      responses: { 200: jsonDoc('The official', Official), ...authProblems, 404: missing },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    async (c) => c.json(await getOfficial(c.var.deps, c.req.valid('param').id)),
  )
  .get(
    '/:id/contacts',
    describeRoute({
      tags,
      summary: "An official's contact history with each counterpart",
      description:
        'For every official this one has called or been called by: the calls between them either way, how many got a reply or still await one, the last successful contact and the last attempt. Most recent attempt first.',
      responses: {
        200: jsonDoc('One page of counterparts', OfficialContactList),
        400: problemDoc('A bad limit or cursor'),
        ...authProblems,
        404: missing,
      },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    validate('query', OfficialContactQuery),
    async (c) => c.json(await listOfficialContacts(c.var.deps, c.req.valid('param').id, c.req.valid('query'))),
  )
  .patch(
    '/:id',
    describeRoute({
      tags,
      summary: 'Change an official (any subset of their fields)',
      description: 'A body that changes nothing stores nothing and answers the official as they are.',
      responses: {
        200: jsonDoc('The stored official', Official),
        400: badJsonDoc,
        ...authProblems,
        404: missing,
        409: problemDoc('Another official of this name is in that ministry'),
        422: invalidBody,
      },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    validate('json', OfficialPatch),
    async (c) => c.json(await updateOfficial(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json'))),
  )
  .delete(
    '/:id',
    describeRoute({
      tags,
      summary: 'Delete an official who is in no logged call',
      responses: {
        204: { description: 'Deleted' },
        ...authProblems,
        404: missing,
        409: problemDoc('The official is the caller or callee of logged calls'),
      },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    async (c) => {
      await deleteOfficial(c.var.deps, currentUser(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
