import { describe, expect, it } from 'vitest';
import { checkHealth } from '#server/features/health/check.ts';
import { createTestApp, expectProblem } from '../support/app.ts';

describe('health and the API document', async () => {
  const t = await createTestApp();

  it('answers ok once the database answers', async () => {
    const res = await t.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('makes one database check for the requests of one event-loop turn, and a new one in the next turn', async () => {
    let queries = 0;
    const db = t.db.withPlugin({ transformQuery: (args) => (queries++, args.node), transformResult: async (args) => args.result });
    const deps = { db, dialect: t.dialect, clock: t.clock, config: t.config };
    const together = await Promise.all(Array.from({ length: 20 }, () => checkHealth(deps)));
    expect(together.every((h) => h.state === 'ok')).toBe(true);
    expect(queries).toBe(1);
    // Later in the same turn (after the check answered): the same answer, no query.
    expect(await checkHealth(deps)).toEqual({ state: 'ok' });
    expect(queries).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await checkHealth(deps)).toEqual({ state: 'ok' });
    expect(queries).toBe(2);
  });

  it('serves an OpenAPI 3.1 document without a login', async () => {
    const res = await t.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/health');
  });

  it('serves a docs page', async () => {
    const res = await t.request('/api/docs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/api/openapi.json');
  });

  it('answers unknown API routes with problem+json', async () => {
    await expectProblem(await t.request('/api/nothing-here'), 404);
  });
});
