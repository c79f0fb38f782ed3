import { describe, expect, it } from 'vitest';
import { formatDateTimeIn, formatDuration } from '#client/lib/format.ts';

describe('response times as the calls pages show them', () => {
  it('reads at a glance, coarser as it grows', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(14 * 60_000 + 59_000)).toBe('14m');
    expect(formatDuration((2 * 60 + 14) * 60_000)).toBe('2h 14m');
    expect(formatDuration(((3 * 24 + 4) * 60 + 59) * 60_000)).toBe('3d 4h');
    expect(formatDuration(-5)).toBe('0s');
  });

  it('shows an instant as the wall clock of each party’s zone', () => {
    expect(formatDateTimeIn('2013-02-12T15:00:00Z', 'Europe/Moscow')).toBe('12 Feb 2013, 19:00');
    expect(formatDateTimeIn('2013-02-12T15:00:00Z', 'America/New_York')).toBe('12 Feb 2013, 10:00');
  });
});
