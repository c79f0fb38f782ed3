import { describe, expect, it } from 'vitest';
import { CountryCode, Timestamp, TimeZone, countryName } from './common.ts';

describe('CountryCode', () => {
  it('accepts ISO 3166-1 alpha-2 countries and names them', () => {
    expect(CountryCode.safeParse('RU').success).toBe(true);
    expect(countryName('RU')).toBe('Russia');
    expect(countryName('KR')).toBe('South Korea');
  });

  it('rejects lower case, unassigned codes and groupings that are not countries', () => {
    for (const code of ['ru', 'XX', 'ZZ', 'EU', 'UN', 'QO', 'RUS', '']) {
      expect(CountryCode.safeParse(code).success, code).toBe(false);
    }
  });
});

describe('Timestamp', () => {
  it('needs a real calendar date and a UTC offset', () => {
    expect(Timestamp.safeParse('2013-02-12T14:30:00Z').success).toBe(true);
    expect(Timestamp.safeParse('2013-02-12T17:30:00+03:00').success).toBe(true);
    expect(Timestamp.safeParse('2013-02-30T12:00:00Z').success).toBe(false);
    expect(Timestamp.safeParse('2013-02-12T14:30:00').success).toBe(false);
    expect(Timestamp.safeParse('12 Feb 2013').success).toBe(false);
  });
});

describe('TimeZone', () => {
  it('accepts IANA zones the runtime knows, and nothing else', () => {
    expect(TimeZone.safeParse('Europe/Moscow').success).toBe(true);
    expect(TimeZone.safeParse('UTC').success).toBe(true);
    expect(TimeZone.safeParse('Mars/Base').success).toBe(false);
    expect(TimeZone.safeParse('Europe/Moscow; drop table').success).toBe(false);
  });
});
