import { describe, expect, it } from 'vitest';
import { stripMetaCalls } from './strip-schema-meta.ts';

describe('stripMetaCalls', () => {
  it('drops each .meta({...}) of a chain and keeps the rest of it', () => {
    const code = "export const A = z.string().min(1).meta({ description: 'An id', example: { a: '}' } }).nullable().meta({ id: 'A' });";
    expect(stripMetaCalls(code)).toBe('export const A = z.string().min(1).nullable();');
  });

  it('reaches the metadata inside objects, arguments and functions', () => {
    const code = [
      'const B = z.object({ at: T.meta({ description: `when` }), list: z.array(X.meta({ id: "X" })) }).meta({ id: "B" });',
      'export const text = (max) => z.string().max(max).meta({ description: "text" });',
    ].join('\n');
    expect(stripMetaCalls(code)).toBe(['const B = z.object({ at: T, list: z.array(X) });', 'export const text = (max) => z.string().max(max);'].join('\n'));
  });

  it('leaves other calls named meta, and code without any, alone', () => {
    expect(stripMetaCalls('const m = schema.meta(); other.meta(a, b); obj["meta"]({});')).toBeNull();
    expect(stripMetaCalls('export const C = z.number();')).toBeNull();
  });
});
