import { describe, expect, it } from 'vitest';
import { markSchemasPure, stripMetaCalls } from './strip-schema-meta.ts';

describe('stripMetaCalls', () => {
  it('drops each meta(schema, {...}) and keeps the schema', () => {
    const code = "export const A = meta(z.nullable(meta(z.string().check(z.minLength(1)), { description: 'An id', example: { a: '}' } })), { id: 'A' });";
    expect(stripMetaCalls(code)).toBe('export const A = z.nullable(z.string().check(z.minLength(1)));');
  });

  it('reaches the metadata inside objects, arguments and functions', () => {
    const code = [
      'const B = meta(z.object({ at: meta(T, { description: `when` }), list: z.array(meta(X, { id: "X" })) }), { id: "B" });',
      'export const text = (max) => meta(z.string().check(z.maxLength(max)), { description: "text" });',
    ].join('\n');
    expect(stripMetaCalls(code)).toBe(['const B = z.object({ at: T, list: z.array(X) });', 'export const text = (max) => z.string().check(z.maxLength(max));'].join('\n'));
  });

  it('leaves other calls named meta, and code without any, alone', () => {
    expect(stripMetaCalls('const m = schema.meta({ id: "A" }); meta(a); meta(a, b); obj.meta(a, {}); obj["meta"]({});')).toBeNull();
    expect(stripMetaCalls('export const C = z.number();')).toBeNull();
  });
});

describe('markSchemasPure', () => {
  it('builds each top-level schema in a function marked pure, exported or not', () => {
    const code = ['export const A = z.string().check(z.minLength(1));', 'const B = z.object({ a: A }), C = 3;', 'export function f() { const D = z.string(); return D; }'].join('\n');
    expect(markSchemasPure(code)).toBe(
      [
        'export const A = /* @__PURE__ */ (() => z.string().check(z.minLength(1)))();',
        'const B = /* @__PURE__ */ (() => z.object({ a: A }))(), C = 3;',
        'export function f() { const D = z.string(); return D; }',
      ].join('\n'),
    );
  });

  it('leaves declarations that are no call, and code without any, alone', () => {
    expect(markSchemasPure('export const E = A; const F = { a: 1 }; const g = () => z.string(); let h;')).toBeNull();
  });
});
