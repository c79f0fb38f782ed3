import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Deps } from '../../lib/context.ts';
import { availabilityNow } from './calendars.ts';
import { countryHolidays, hasCountryHolidays } from '../../lib/public-holidays.ts';
import { loadCalendars } from './service.ts';

/**
 * Builds every callee's working calendar over the years the calls span, at
 * start rather than in the first request that needs them: the public
 * holidays of a country and year cost tens of milliseconds to compute
 * (date-holidays), and the first awaiting page once held the event loop for
 * seconds doing all of them. One calendar at a time, so requests get in
 * between. Built calendars are kept (calendars.ts), so requests reuse them.
 */
export async function warmCalendars(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  const oldest = await deps.db.selectFrom('calls').select((eb) => eb.fn.min('placed_at').as('at')).executeTakeFirst();
  const from = oldest?.at === null || oldest?.at === undefined ? now : Number(oldest.at);
  // First each country's holidays, a country and year at a time (the
  // calendars below need them, and one callee's calendar over two years
  // would otherwise compute several at once: a second for China's).
  const countries = await deps.db.selectFrom('ministries').select('country').distinct().where('country_holidays', '=', 1).execute();
  const years = { from: new Date(from).getUTCFullYear(), to: new Date(now).getUTCFullYear() };
  for (const { country } of countries) {
    if (!hasCountryHolidays(country)) continue;
    for (let year = years.from; year <= years.to; year++) {
      countryHolidays(country, year);
      await yieldToRequests();
    }
  }
  const calendars = await loadCalendars(deps.db);
  for (const calendar of calendars.values()) {
    calendar.clock.workingMs(from, now);
    availabilityNow(calendar, now);
    await yieldToRequests();
  }
}
