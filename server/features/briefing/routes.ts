import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { Briefing } from '#shared/schemas/briefing.ts';
import type { AppEnv } from '../../lib/context.ts';
import { authProblems, jsonDoc } from '../../lib/openapi.ts';
import { requireRole } from '../auth/middleware.ts';
import { buildBriefing } from './service.ts';

export const briefingRoutes = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: ['briefing'],
    summary: 'Today’s briefing: every open call and the replies of the last 24 hours, each as a press-ready sentence',
    description:
      'Open calls come longest wait first, with their wait on the wall clock (`waitingMs`) and in working time (`workingMs`), their tries, promise and round, and `shareRepliedSooner`: the share of the ministry’s calls that had a reply sooner (Kaplan–Meier, the figure the board shows). ' +
      'Replies (answered, returned, declined) of the last 24 hours come newest first. Times in sentences are UTC.',
    responses: { 200: jsonDoc('The briefing', Briefing), ...authProblems },
  }),
  requireRole('viewer'),
  async (c) => c.json(await buildBriefing(c.var.deps)),
);
