import { describe, expect, it } from 'vitest';
import { timeOrderedIds } from './time-ordered-id.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedIds', () => {
  it('makes UUIDv7s that carry the millisecond', () => {
    const at = Date.parse('2026-06-01T12:34:56.789Z');
    const id = timeOrderedIds(() => at)();
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at);
  });

  it('keeps increasing within a millisecond, past the counter, and when the clock steps back', () => {
    let now = 1_000_000;
    const next = timeOrderedIds(() => now);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(next());
    now -= 5;
    ids.push(next());
    now += 100;
    ids.push(next());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
