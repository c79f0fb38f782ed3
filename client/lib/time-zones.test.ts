import { describe, expect, it } from 'vitest';
import { countryTimeZones, suggestedTimeZone } from './time-zones.ts';

describe('the time zone suggested by a ministry’s country', () => {
  it('is the country’s only zone', () => {
    expect(suggestedTimeZone('KR')).toBe('Asia/Seoul');
    expect(suggestedTimeZone('GB')).toBe('Europe/London');
  });

  it('is the capital’s where the country spans several', () => {
    expect(countryTimeZones('RU').length).toBeGreaterThan(5);
    expect(countryTimeZones('RU')).toContain('Asia/Vladivostok');
    expect(suggestedTimeZone('RU')).toBe('Europe/Moscow');
    expect(suggestedTimeZone('US')).toBe('America/New_York');
    expect(suggestedTimeZone('AU')).toBe('Australia/Sydney');
  });

  it('is nothing rather than a guess', () => {
    expect(suggestedTimeZone('AQ')).toBeUndefined();
    expect(suggestedTimeZone('XX')).toBeUndefined();
    expect(suggestedTimeZone('ru')).toBeUndefined();
  });
});
