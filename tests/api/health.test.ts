import { describe, expect, it } from 'vitest';
import { createTestApp, expectProblem } from '../support/app.ts';

describe('health and the API document', async () => {
  const t = await createTestApp();

  it('answers ok once the database answers', async () => {
    const res = await t.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
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
