import { describe, expect, it } from 'vitest';
import { apiWindow, readFilters, writeFilters } from './window.ts';

describe('the statistics filters in the URL', () => {
  it('reads and writes a round, and sends it to the API', () => {
    const filters = readFilters(new URLSearchParams('roundId=r-1&groupBy=official'));
    expect(filters).toMatchObject({ roundId: 'r-1', groupBy: 'official' });
    expect(writeFilters(filters).toString()).toBe('groupBy=official&roundId=r-1');
    expect(apiWindow(filters)).toEqual({ roundId: 'r-1' });
  });

  it('leaves the round out when none is chosen', () => {
    const filters = readFilters(new URLSearchParams(''));
    expect(filters.roundId).toBe('');
    expect(writeFilters(filters).toString()).toBe('');
    expect(apiWindow(filters)).toEqual({});
  });
});
