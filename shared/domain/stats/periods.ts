import { TZDateMini } from '@date-fns/tz';
import { addMonths, addWeeks, startOfMonth, startOfWeek } from 'date-fns';
import type { TrendInterval } from '#shared/schemas/stats.ts';

// The trend's periods are UTC calendar weeks (ISO: from Monday) and months,
// whatever the server's or the viewer's own zone.
// (@date-fns/tz's tz() builds a TZDate: the same with string methods nothing here calls.)
const utc = { in: (value: Date | number | string) => TZDateMini.tz('UTC', +new Date(value)) };

/** The start of the UTC week (Monday 00:00) or month holding `ms`. */
export function periodStart(interval: TrendInterval, ms: number): number {
  return (interval === 'month' ? startOfMonth(ms, utc) : startOfWeek(ms, { ...utc, weekStartsOn: 1 })).getTime();
}

/** The start of the period after the one starting at `start`. */
export function nextPeriodStart(interval: TrendInterval, start: number): number {
  return (interval === 'month' ? addMonths(start, 1, utc) : addWeeks(start, 1, utc)).getTime();
}
