import Holidays from 'date-holidays';
import { describe, expect, it, vi } from 'vitest';
import { countryHolidays } from './public-holidays.ts';

describe("a country's public holidays", () => {
  it('are computed once per country and year, though each year also reads the year before (a holiday spilling over)', () => {
    const computed = vi.spyOn(Holidays.prototype, 'getHolidays');
    const years = [2025, 2026, 2027].map((year) => countryHolidays('CN', year));
    expect(computed.mock.calls.map(([year]) => year)).toEqual([2024, 2025, 2026, 2027]);
    // The Spring Festival: public holidays of several days, each date named.
    expect([...years[1]!.values()].filter((name) => /spring festival|chinese new year/i.test(name)).length).toBeGreaterThan(1);
    expect(countryHolidays('CN', 2026)).toBe(years[1]);
    expect(computed).toHaveBeenCalledTimes(4);
    computed.mockRestore();
  });

  it('have the dates a holiday of several days spans, within the year asked for', () => {
    // Russia's New Year holiday: 1–8 January (date-holidays' public days).
    const russia = countryHolidays('RU', 2026);
    expect(russia.get('2026-01-01')).toBeDefined();
    expect([...russia.keys()].every((date) => date.startsWith('2026-'))).toBe(true);
  });
});
