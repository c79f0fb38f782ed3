import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { z } from 'zod';
import { Problem } from '#shared/schemas/common.ts';
import type { AppEnv } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { jsonDoc } from '../../lib/openapi.ts';
import { checkHealth } from './check.ts';

const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

const HealthProblem = z.object({
  ...Problem.shape,
  health: z.enum(['unavailable', 'degraded', 'draining']).meta({
    description: '`unavailable`: the database does not answer; `degraded`: it answers but cannot store (its disk is full); `draining`: the server is shutting down',
  }),
}).meta({ id: 'HealthProblem' });

const RETRY_AFTER_S = { unavailable: 5, degraded: 30 } as const;

export const healthRoutes = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: ['system'],
    summary: 'Whether the server and its database answer, and can store',
    description:
      'For load balancers and monitoring: 200 when the database answers and accepts writes; otherwise 503 with `Retry-After` and a `health` member saying why. Answers within about 3 seconds even when the database hangs.',
    security: [],
    responses: {
      200: jsonDoc('The database answered', Health),
      503: {
        description: 'The database did not answer, cannot store, or the server is shutting down (HealthProblem)',
        headers: { 'Retry-After': { description: 'Seconds to wait before asking again', schema: { type: 'string' } } },
        content: { 'application/problem+json': { schema: resolver(HealthProblem) } },
      },
    },
  }),
  async (c) => {
    // Answered before the API's own middleware (server/app.ts), which makes every other API answer no-store.
    c.header('Cache-Control', 'no-store');
    const health = await checkHealth(c.var.deps);
    if (health.state === 'ok') return c.json({ status: 'ok' as const });
    throw new AppError(503, 'Service unavailable', health.detail, undefined, { 'Retry-After': String(RETRY_AFTER_S[health.state]) }, { health: health.state });
  },
);
