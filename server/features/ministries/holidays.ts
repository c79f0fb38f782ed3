import type { Holiday, HolidayList, HolidayQuery } from '#shared/schemas/availability.ts';
import type { Ministry } from '#shared/schemas/ministries.ts';
import { EXTRA_HOLIDAY_NAME, countryHolidays, hasCountryHolidays } from '../../lib/public-holidays.ts';

const DAY = 86_400_000;

/** A ministry's holidays from `from` (a local date) for `days` days: its country's when they count, and its extra dates. */
export function holidaysOfMinistry(ministry: Ministry, query: HolidayQuery, nowMs: number): HolidayList {
  const from = query.from ?? new Date(nowMs).toISOString().slice(0, 10);
  const first = Date.parse(`${from}T00:00:00Z`);
  const to = new Date(first + (query.days - 1) * DAY).toISOString().slice(0, 10);
  const extra = new Set(ministry.extraHolidays);
  const items: Holiday[] = [];
  const seen = new Set<string>();
  if (ministry.countryHolidays) {
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      for (const [date, name] of countryHolidays(ministry.country, year)) {
        if (date < from || date > to) continue;
        items.push({ date, name, kind: 'public' });
        seen.add(date);
      }
    }
  }
  for (const date of extra) if (date >= from && date <= to && !seen.has(date)) items.push({ date, name: EXTRA_HOLIDAY_NAME, kind: 'extra' });
  items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { from, to, countryHolidaysKnown: hasCountryHolidays(ministry.country), items };
}
