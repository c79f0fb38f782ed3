import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { Absence, AbsenceCreate, AbsenceList, AbsenceListQuery, AbsenceParam, AbsencePatch } from '#shared/schemas/availability.ts';
import { IdParam } from '#shared/schemas/common.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, badJsonDoc, invalidBodyDoc, jsonDoc, problemDoc } from '../../lib/openapi.ts';
import { validate } from '../../lib/validate.ts';
import { currentUser, requireRole } from '../auth/middleware.ts';
import { createAbsence, deleteAbsence, getAbsence, listAbsences, updateAbsence } from './absences-service.ts';

const tags = ['officials'];
const invalidBody = invalidBodyDoc('A field breaks the rules (to must be after from) or is not a field of this request');
const missing = problemDoc('No such official, or no such absence of theirs');

/** An official's absences (travel, leave, illness): mounted beside the officials' routes, at /officials/:id/absences. */
export const absencesRoutes = new Hono<AppEnv>()
  .get(
    '/:id/absences',
    describeRoute({
      tags,
      summary: "An official's absences, latest first",
      description: 'Absences take the official’s working time out of every wait that overlaps them; overlapping absences count once.',
      responses: { 200: jsonDoc('One page of absences', AbsenceList), 400: problemDoc('A bad filter or cursor'), ...authProblems, 404: missing },
    }),
    requireRole('viewer'),
    validate('param', IdParam),
    validate('query', AbsenceListQuery),
    async (c) => c.json(await listAbsences(c.var.deps, c.req.valid('param').id, c.req.valid('query'))),
  )
  .post(
    '/:id/absences',
    describeRoute({
      tags,
      summary: 'Record an absence of an official (it may lie in the future)',
      responses: {
        201: jsonDoc('The stored absence', Absence, { Location: { description: 'Where the absence lives', schema: { type: 'string' } } }),
        400: badJsonDoc,
        ...authProblems,
        404: missing,
        422: invalidBody,
      },
    }),
    requireRole('analyst'),
    validate('param', IdParam),
    validate('json', AbsenceCreate),
    async (c) => {
      const id = c.req.valid('param').id;
      const absence = await createAbsence(c.var.deps, currentUser(c), id, c.req.valid('json'));
      return c.json(absence, 201, { Location: `/api/officials/${id}/absences/${absence.id}` });
    },
  )
  .get(
    '/:id/absences/:absenceId',
    describeRoute({
      tags,
      summary: 'One absence',
      responses: { 200: jsonDoc('The absence', Absence), ...authProblems, 404: missing },
    }),
    requireRole('viewer'),
    validate('param', AbsenceParam),
    async (c) => {
      const { id, absenceId } = c.req.valid('param');
      return c.json(await getAbsence(c.var.deps, id, absenceId));
    },
  )
  .patch(
    '/:id/absences/:absenceId',
    describeRoute({
      tags,
      summary: 'Change an absence (any subset of its fields)',
      description: 'A body that changes nothing stores nothing. `to` must end up after `from`, the stored one included.',
      responses: { 200: jsonDoc('The stored absence', Absence), 400: badJsonDoc, ...authProblems, 404: missing, 422: invalidBody },
    }),
    requireRole('analyst'),
    validate('param', AbsenceParam),
    validate('json', AbsencePatch),
    async (c) => {
      const { id, absenceId } = c.req.valid('param');
      return c.json(await updateAbsence(c.var.deps, currentUser(c), id, absenceId, c.req.valid('json')));
    },
  )
  .delete(
    '/:id/absences/:absenceId',
    describeRoute({
      tags,
      summary: 'Remove an absence',
      responses: { 204: { description: 'Removed' }, ...authProblems, 404: missing },
    }),
    requireRole('analyst'),
    validate('param', AbsenceParam),
    async (c) => {
      const { id, absenceId } = c.req.valid('param');
      await deleteAbsence(c.var.deps, currentUser(c), id, absenceId);
      return c.body(null, 204);
    },
  );
