import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppEnv } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { jsonDoc, problemDoc } from '../../lib/openapi.ts';

const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const healthRoutes = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: ['system'],
    summary: 'Whether the server and its database answer',
    security: [],
    responses: {
      200: jsonDoc('The database answered', Health),
      503: problemDoc('The database did not answer'),
    },
  }),
  async (c) => {
    try {
      await sql`select 1`.execute(c.var.deps.db);
    } catch (error) {
      console.error('health check: database did not answer', error);
      throw new AppError(503, 'Service unavailable', 'The database did not answer');
    }
    return c.json({ status: 'ok' as const });
  },
);
