import { WEEKDAYS, type Weekday } from '#shared/domain/availability/working-hours.ts';
import { ExtraHolidays, WorkingHours } from '#shared/schemas/availability.ts';
import type { Ministry, MinistryPatch } from '#shared/schemas/ministries.ts';
import type { z } from 'zod/mini';
import { ApiError } from '#client/lib/api-client.ts';
import type { FieldErrors } from '#client/lib/field-errors.ts';

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export interface CalendarValues {
  hours: Record<Weekday, [string, string][]>;
  countryHolidays: boolean;
  extraHolidays: string[];
}

export function calendarValuesOf(ministry: Ministry): CalendarValues {
  return {
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, ministry.workingHours[d].map(([a, b]) => [a, b] as [string, string])])) as CalendarValues['hours'],
    countryHolidays: ministry.countryHolidays,
    extraHolidays: [...ministry.extraHolidays],
  };
}

/** One day's spans as people write them: "09:00–13:00, 14:00–18:00", or "Closed". */
export function describeDay(spans: readonly (readonly [string, string])[]): string {
  return spans.length === 0 ? 'Closed' : spans.map(([a, b]) => `${a}–${b}`).join(', ');
}

/** Messages by full field path ("workingHours.mon.1.0"), from the shared schema or the server's answer. */
export function pathErrors(error: z.core.$ZodError | ApiError, prefix = ''): FieldErrors {
  const entries =
    error instanceof ApiError
      ? (error.problem.errors ?? []).map((e) => ({ path: e.path, message: e.message }))
      : error.issues.map((issue) => ({ path: prefix + issue.path.map(String).join('.'), message: issue.message }));
  const result: FieldErrors = {};
  for (const { path, message } of entries) result[path] ??= message.charAt(0).toUpperCase() + message.slice(1);
  return result;
}

export type CalendarFormResult = { ok: true; patch: MinistryPatch } | { ok: false; errors: FieldErrors };

/**
 * The form checked with the shared schemas (the server's own rules: spans end
 * after they start, within 00:00–24:00, no overlaps), as the patch of what
 * changed. Error keys are the API's field paths, e.g. "workingHours.mon.1.0".
 */
export function calendarPatchFromForm(values: CalendarValues, ministry: Ministry): CalendarFormResult {
  const hours = WorkingHours.safeParse(Object.fromEntries(WEEKDAYS.map((d) => [d, values.hours[d].map(([a, b]) => [a.trim(), b.trim()])])));
  const extra = ExtraHolidays.safeParse([...values.extraHolidays].sort());
  if (!hours.success || !extra.success) {
    return { ok: false, errors: { ...(hours.success ? {} : pathErrors(hours.error, 'workingHours.')), ...(extra.success ? {} : pathErrors(extra.error, 'extraHolidays.')) } };
  }
  const patch: MinistryPatch = {};
  if (JSON.stringify(hours.data) !== JSON.stringify(ministry.workingHours)) patch.workingHours = hours.data;
  if (values.countryHolidays !== ministry.countryHolidays) patch.countryHolidays = values.countryHolidays;
  if (JSON.stringify(extra.data) !== JSON.stringify(ministry.extraHolidays)) patch.extraHolidays = extra.data;
  return { ok: true, patch };
}
