import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { HolidayList, HolidayQuery } from '#shared/schemas/availability.ts';
import { IdParam } from '#shared/schemas/common.ts';
import { Ministry, MinistryCreate, MinistryList, MinistryListQuery, MinistryPatch } from '#shared/schemas/ministries.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, badJsonDoc, invalidBodyDoc, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { createMinistry, deleteMinistry, getMinistry, listMinistries, listMinistryHolidays, updateMinistry } from './service.ts';

const tags = ['ministries'];
const invalidBody = invalidBodyDoc();
const missing = problemDoc('No such ministry');

export const ministriesRoutes = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary: 'List ministries by name, filtered by text and country',
      responses: { 200: jsonDoc('One page of ministries', MinistryList), 400: problemDoc('A bad filter or cursor'), ...authProblems },
    }),
    requireRole('viewer'),
    validate('query', MinistryListQuery),
    async (c) => c.json(await listMinistries(c.var.deps, c.req.valid('query'))),
  )
  .post(
    '/',
    describeRoute({
      tags,
      summary: 'Create a ministry',
      responses: {
        201: jsonDoc('The stored ministry', Ministry, { Location: { description: 'Where the ministry lives', schema: { type: 'string' } } }),
        400: badJsonDoc,
        ...authProblems,
        409: problemDoc('A ministry with this name already exists in this country'),
        422: invalidBody,
      },
    }),
    requireRole('analyst'),
    validate('json', MinistryCreate),
    async (c) => {
      const ministry = await createMinistry(c.var.deps, currentUser(c), c.req.valid('json'));
      return c.json(ministry, 201, { Location: `/api/ministries/${ministry.id}` });
    },
  )
  .get(
    '/:id',
    describeRoute({
      tags,
      summary: 'One ministry',
      responses: { 200: jsonDoc('The ministry', Ministry), ...authProblems, 404: missing },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    async (c) => c.json(await getMinistry(c.var.deps, c.req.valid('param').id)),
  )
  .get(
    '/:id/holidays',
    describeRoute({
      tags,
      summary: "A ministry's holidays over a range of dates (by default the coming year)",
      description:
        'The public holidays of its country (from the date-holidays data set, public holidays only) when `countryHolidays` is true, and its `extraHolidays`. Each removes the whole local day from the working time of its officials.',
      responses: { 200: jsonDoc('The holidays, by date', HolidayList), 400: problemDoc('A bad date or day count'), ...authProblems, 404: missing },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    validate('query', HolidayQuery),
    async (c) => c.json(await listMinistryHolidays(c.var.deps, c.req.valid('param').id, c.req.valid('query'))),
  )
  .patch(
    '/:id',
    describeRoute({
      tags,
      summary: 'Change a ministry (any subset of its fields)',
      description: 'A body that changes nothing stores nothing and answers the ministry as it is.',
      responses: {
        200: jsonDoc('The stored ministry', Ministry),
        400: badJsonDoc,
        ...authProblems,
        404: missing,
        409: problemDoc('Another ministry has this name in this country'),
        422: invalidBody,
      },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    validate('json', MinistryPatch),
    async (c) => c.json(await updateMinistry(c.var.deps, currentUser(c), c.req.valid('param').id, c.req.valid('json'))),
  )
  .delete(
    '/:id',
    describeRoute({
      tags,
      summary: 'Delete a ministry that has no officials',
      responses: {
        204: { description: 'Deleted' },
        ...authProblems,
        404: missing,
        409: problemDoc('The ministry still has officials'),
      },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    async (c) => {
      await deleteMinistry(c.var.deps, currentUser(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
