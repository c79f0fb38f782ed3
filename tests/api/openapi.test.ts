import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.ts';
import { servedRoutes } from './served-routes.ts';

// A guard against drift between the routes the app serves and the document it
// publishes: every route is documented, nothing documented is missing, and
// the document holds together as OpenAPI 3.1 (every $ref resolves, every path
// parameter, body and list parameter is described, every refusal is a Problem).

interface Schema {
  $ref?: string;
  [key: string]: unknown;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Writes that take no body: logging out, the two-factor steps that only hand something out, marking notifications read, and the webhook sends. */
const BODILESS_WRITES = new Set(['post /auth/logout', 'post /auth/logout-all', 'post /auth/mfa/setup', 'post /auth/mfa/recovery-codes',
  'post /notifications/read-all', 'post /notifications/{id}/read', 'post /webhooks/{id}/test', 'post /webhooks/{id}/deliveries/{deliveryId}/resend']);

describe('the OpenAPI document', async () => {
  const t = await createTestApp();
  const doc = (await (await t.request('/api/openapi.json')).json()) as Document;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op, name: `${method} ${path}` })));

  /** The routes the app really serves under /api, in the document's terms (`/calls/{id}`). */
  const served = servedRoutes(t.app).map((r) => `${r.method.toLowerCase()} ${r.path.slice('/api'.length).replace(/:(\w+)/g, '{$1}')}`).sort();

  it('is OpenAPI 3.1 with a title and version', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
  });

  it('documents every route the app serves, and no route it does not', () => {
    expect(served.length).toBeGreaterThan(30);
    expect(operations.map((o) => o.name).sort()).toEqual(served);
  });

  it('gives every operation a summary, a tag, a unique operationId and at least one response schema', () => {
    const ids = new Set<string>();
    for (const { name, op } of operations) {
      expect(op.summary, name).toBeTruthy();
      expect(op.tags?.length, name).toBeGreaterThan(0);
      expect(op.operationId, name).toBeTruthy();
      expect(ids.has(op.operationId!), `${name}: operationId ${op.operationId} twice`).toBe(false);
      ids.add(op.operationId!);
      const schemas = Object.values(op.responses).flatMap((r) => Object.values(r.content ?? {}).map((c) => c.schema));
      expect(schemas.filter(Boolean).length, `${name} has no response schema`).toBeGreaterThan(0);
      for (const status of Object.keys(op.responses)) expect(status, name).toMatch(/^[1-5]\d\d$/);
    }
  });

  it('answers every refusal with problem details', () => {
    for (const { name, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect(Object.keys(response.content ?? {}), `${name} ${status}`).toEqual(['application/problem+json']);
        // Problem itself, or a problem with errors of its own shape (the import's rows and columns).
        const ref = response.content!['application/problem+json']!.schema?.$ref ?? '';
        const schema = doc.components.schemas[ref.split('/').pop()!] as { required?: string[] } | undefined;
        expect(schema?.required, `${name} ${status}: ${ref}`).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
      }
    }
  });

  it('resolves every $ref to a schema in components', () => {
    const refs = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          if (key === '$ref' && typeof item === 'string') refs.add(item);
          else walk(item);
        }
      }
    };
    walk(doc);
    expect(refs.size).toBeGreaterThan(10);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\/[\w.-]+$/);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
  });

  it('describes each path parameter, as required', () => {
    for (const { path, name, op, method } of operations) {
      expect(METHODS, name).toContain(method);
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const documented = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(documented.map((p) => p.name).sort(), name).toEqual(inPath.sort());
      for (const p of documented) expect(p.required, `${name} ${p.name}`).toBe(true);
      for (const p of op.parameters ?? []) {
        expect(['query', 'header', 'path', 'cookie'], `${name} ${p.name}`).toContain(p.in);
        expect(p.schema, `${name} ${p.name}`).toBeDefined();
      }
    }
  });

  it('describes the body of every write, from the schema that validates it', () => {
    for (const { name, op, method } of operations) {
      if ((method !== 'post' && method !== 'patch' && method !== 'put') || BODILESS_WRITES.has(name)) continue;
      const json = op.requestBody?.content?.['application/json']?.schema;
      expect(json, `${name} documents no JSON body`).toBeDefined();
    }
    const create = doc.paths['/calls']!.post!.requestBody!.content!['application/json']!.schema!;
    const body = doc.components.schemas[create.$ref!.split('/').pop()!] as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['callerId', 'calleeId', 'placedAt', 'channel', 'topic', 'notes', 'source', 'status', 'respondedAt', 'closedAt']));
    expect(body.additionalProperties).toBe(false);
  });

  it('describes limit and cursor on every list, and the filters SPEC.md names on calls', () => {
    const lists = operations.filter(({ op }) => {
      const schema = op.responses['200']?.content?.['application/json']?.schema;
      const target = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
      const properties = (target as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
      return 'items' in properties && 'nextCursor' in properties;
    });
    expect(lists.map((l) => l.name)).toEqual(
      expect.arrayContaining(['get /calls', 'get /calls/awaiting', 'get /calls/{id}/history', 'get /calls/{id}/attempts', 'get /rounds', 'get /rounds/{id}/history', 'get /officials', 'get /ministries', 'get /users', 'get /tokens']),
    );
    for (const { name, op } of lists) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect(query, name).toEqual(expect.arrayContaining(['limit', 'cursor']));
    }
    const callFilters = doc.paths['/calls']!.get!.parameters!.map((p) => p.name);
    expect(callFilters).toEqual(expect.arrayContaining(['status', 'ministryId', 'officialId', 'from', 'to', 'q', 'roundId', 'limit', 'cursor']));
    const names = (path: string) => doc.paths[path]!.get!.parameters!.map((p) => p.name);
    expect(names('/calls/awaiting')).toContain('roundId');
    expect(names('/rounds')).toContain('open');
    expect(names('/stats/response-times')).toContain('roundId');
    expect(names('/stats/trend')).toContain('roundId');
  });

  it('names the headers of the concurrency rules', () => {
    const headerNames = (op: Operation) => (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    expect(headerNames(doc.paths['/calls/{id}']!.patch!)).toContain('If-Match');
    expect(headerNames(doc.paths['/calls/{id}']!.delete!)).toContain('If-Match');
    expect(headerNames(doc.paths['/calls']!.post!)).toContain('Idempotency-Key');
    expect(headerNames(doc.paths['/rounds/{id}']!.patch!)).toContain('If-Match');
    expect(headerNames(doc.paths['/rounds/{id}']!.delete!)).toContain('If-Match');
  });
});
