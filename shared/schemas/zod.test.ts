import { describe, expect, it } from 'vitest';
import { CallListQuery } from './calls.ts';
import { Id } from './common.ts';
import { meta, z } from './zod.ts';

// This file imports no classic zod: the messages below come from the locale
// shared/schemas/zod.ts configures (zod/mini alone says "Invalid input").
describe('the shared schemas on zod/mini', () => {
  it("answer zod's English messages where a schema names none", () => {
    expect(Id.safeParse('').error?.issues.map((i) => i.message)).toEqual(['Too small: expected string to have >=1 characters']);
    expect(Id.safeParse(3).error?.issues.map((i) => i.message)).toEqual(['Invalid input: expected string, received number']);
  });

  it('meta() registers its metadata on a copy and leaves the schema it was given alone', () => {
    const base = z.string();
    const described = meta(base, { description: 'a name' });
    expect(described).not.toBe(base);
    expect(z.globalRegistry.get(described)).toEqual({ description: 'a name' });
    expect(z.globalRegistry.get(base)).toBeUndefined();
    expect(described.parse('Lavrov')).toBe('Lavrov');
  });

  it("names the status a list filter does not know (a transform's own issue)", () => {
    expect(CallListQuery.safeParse({ status: 'awaiting, returned' }).data?.status).toEqual(['awaiting', 'returned']);
    expect(CallListQuery.safeParse({ status: 'awaiting,ignored' }).error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', path: ['status'], message: '"ignored" is not one of awaiting, answered, returned, declined, withdrawn' }),
    ]);
  });
});
