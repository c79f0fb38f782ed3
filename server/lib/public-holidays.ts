import Holidays from 'date-holidays';
import type { HolidaysOfYear } from '#shared/domain/availability/calendar.ts';

const DAY = 86_400_000;
const byCountryYear = new Map<string, ReadonlyMap<string, string>>();
let countries: Set<string> | undefined;
const sets = new Map<string, Holidays>();

/** True when the holiday data set has public holidays for this country. */
export function hasCountryHolidays(country: string): boolean {
  countries ??= new Set(Object.keys(new Holidays().getCountries()));
  return countries.has(country);
}

function dataSet(country: string): Holidays | undefined {
  if (!hasCountryHolidays(country)) return undefined;
  let set = sets.get(country);
  if (!set) {
    set = new Holidays(country, { types: ['public'] });
    sets.set(country, set);
  }
  return set;
}

/** A holiday of the data set: its first local date (ms of that date at 00:00 UTC), how many days it lasts, its name. */
interface Holiday {
  first: number;
  days: number;
  name: string;
}

const byCountryYearListed = new Map<string, readonly Holiday[]>();

/** The public holidays date-holidays lists for a country's year (computed once: up to ~100 ms for a lunar calendar). */
function listedHolidays(country: string, year: number): readonly Holiday[] {
  const key = `${country}|${year}`;
  let list = byCountryYearListed.get(key);
  if (!list) {
    list = (dataSet(country)?.getHolidays(year, 'en') ?? [])
      .filter((h) => h.type === 'public')
      .map((h) => ({ first: Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`), days: Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY)), name: h.name }));
    byCountryYearListed.set(key, list);
  }
  return list;
}

/**
 * The public holidays (only those: not bank holidays, observances or school
 * days) of a country in one year, from the date-holidays data set, as local
 * dates → English name. A holiday of several days (Russia's New Year holiday)
 * gives each of its dates; one spilling over from the year before counts too.
 */
export function countryHolidays(country: string, year: number): ReadonlyMap<string, string> {
  const key = `${country}|${year}`;
  const cached = byCountryYear.get(key);
  if (cached) return cached;
  const result = new Map<string, string>();
  if (hasCountryHolidays(country)) {
    for (const y of [year - 1, year]) {
      for (const h of listedHolidays(country, y)) {
        for (let d = 0; d < h.days; d++) {
          const date = new Date(h.first + d * DAY).toISOString().slice(0, 10);
          if (date.startsWith(String(year)) && !result.has(date)) result.set(date, h.name);
        }
      }
    }
  }
  byCountryYear.set(key, result);
  return result;
}

export interface HolidayRules {
  country: string;
  countryHolidays: boolean;
  extraHolidays: readonly string[];
}

export const EXTRA_HOLIDAY_NAME = 'Holiday of the ministry';

/** A ministry's days off as the working-time calendar reads them: its country's (when they count) and its extra dates. */
export function holidaysOf(rules: HolidayRules): HolidaysOfYear {
  const years = new Map<number, ReadonlyMap<string, string>>();
  return (year) => {
    let map = years.get(year);
    if (!map) {
      const merged = new Map(rules.countryHolidays ? countryHolidays(rules.country, year) : []);
      for (const d of rules.extraHolidays) if (d.startsWith(`${String(year).padStart(4, '0')}-`) && !merged.has(d)) merged.set(d, EXTRA_HOLIDAY_NAME);
      map = merged;
      years.set(year, map);
    }
    return map;
  };
}
