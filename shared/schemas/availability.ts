import { z } from 'zod';
import { DEFAULT_WORKING_HOURS, WEEKDAYS, type Weekday, dayProblems } from '../domain/availability/working-hours.ts';
import { Id, PageQuery, Timestamp, listOf, sourceText as source, text } from './common.ts';

const Clock = z
  .string()
  .regex(/^\d\d:\d\d$/, 'must be a time "HH:MM" from 00:00 to 24:00')
  .meta({ description: 'Local clock time "HH:MM", 00:00 to 24:00', example: '09:00' });

export const Span = z.tuple([Clock, Clock]).meta({ id: 'WorkingSpan', description: 'From and to, local clock time; to after from', example: ['09:00', '18:00'] });

const Day = z.array(Span).max(12, 'must hold at most 12 spans');

/**
 * Per weekday, the spans of local time (the callee's own zone) in which the
 * ministry works. Every day is named; a day off is an empty list.
 */
export const WorkingHours = z
  .strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, Day])) as Record<Weekday, typeof Day>)
  .superRefine((week, ctx) => {
    for (const day of WEEKDAYS) {
      for (const p of dayProblems(day, week[day] as [string, string][])) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
    }
  })
  .meta({
    id: 'WorkingHours',
    description: 'Per weekday (mon … sun) the spans of local time worked, in the callee’s own time zone. Spans end after they start and do not overlap.',
    example: DEFAULT_WORKING_HOURS,
  });
export type WorkingHours = z.infer<typeof WorkingHours>;

/** A calendar date, no time, no zone: "YYYY-MM-DD" (a real date). */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'is not a calendar date')
  .meta({ description: 'Local date "YYYY-MM-DD"', example: '2013-02-14' });

export const ExtraHolidays = z
  .array(LocalDate)
  .max(1000, 'must hold at most 1000 dates')
  .superRefine((dates, ctx) => {
    const seen = new Set<string>();
    dates.forEach((d, i) => {
      if (seen.has(d)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${d}` });
      seen.add(d);
    });
  })
  .meta({ description: 'Local dates the ministry does not work besides its country’s public holidays' });

/** One public holiday or extra holiday of a ministry. */
export const Holiday = z
  .object({
    date: LocalDate,
    name: z.string().meta({ example: 'Defender of the Fatherland Day' }),
    kind: z.enum(['public', 'extra']).meta({ description: 'public: the country’s; extra: one of the ministry’s extraHolidays' }),
  })
  .meta({ id: 'Holiday' });
export type Holiday = z.infer<typeof Holiday>;

export const HolidayQuery = z
  .strictObject({
    from: LocalDate.optional().meta({ description: 'First date (default: today, UTC)' }),
    days: z.coerce
      .number({ message: 'must be a whole number from 1 to 1096' })
      .int('must be a whole number from 1 to 1096')
      .min(1, 'must be a whole number from 1 to 1096')
      .max(1096, 'must be a whole number from 1 to 1096')
      .default(366)
      .meta({ description: 'How many days from `from` (default 366)' }),
  });
export type HolidayQuery = z.infer<typeof HolidayQuery>;

export const HolidayList = z
  .object({
    from: LocalDate,
    to: LocalDate.meta({ description: 'The last date looked at' }),
    countryHolidaysKnown: z.boolean().meta({ description: 'False when the holiday data set has no public holidays for the ministry’s country' }),
    items: z.array(Holiday),
  })
  .meta({ id: 'HolidayList' });
export type HolidayList = z.infer<typeof HolidayList>;

export const Absence = z
  .object({
    id: Id,
    officialId: Id,
    from: Timestamp,
    to: Timestamp,
    reason: z.string().meta({ example: 'Travelling in Africa' }),
    source: z.string().nullable().meta({ description: 'Where the analyst learned of it (a readout, a press report, a URL)' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Absence' });
export type Absence = z.infer<typeof Absence>;

const toAfterFrom = (value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (value.from !== undefined && value.to !== undefined && Date.parse(value.to) <= Date.parse(value.from)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  }
};

export const AbsenceCreate = z
  .strictObject({ from: Timestamp, to: Timestamp, reason: text(300), source: source.optional() })
  .superRefine(toAfterFrom)
  .meta({ id: 'AbsenceCreate' });
export type AbsenceCreate = z.infer<typeof AbsenceCreate>;

/** Any subset; `source: null` clears it. `to` must end up after `from` (checked against the stored value too). */
export const AbsencePatch = z
  .strictObject({ from: Timestamp.optional(), to: Timestamp.optional(), reason: text(300).optional(), source: source.nullable().optional() })
  .superRefine(toAfterFrom)
  .meta({ id: 'AbsencePatch' });
export type AbsencePatch = z.infer<typeof AbsencePatch>;

export const AbsenceParam = z.strictObject({ id: Id, absenceId: Id });

export const AbsenceList = listOf(Absence).meta({ id: 'AbsenceList' });

export const AbsenceListQuery = PageQuery.extend({
  upcoming: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'true: only absences that have not ended yet' }),
});
export type AbsenceListQuery = z.infer<typeof AbsenceListQuery>;

/** A callee's availability at the server's now. */
export const Availability = z
  .object({
    state: z.enum(['working', 'off_hours', 'holiday', 'away']).meta({
      description: 'working: inside the callee’s hours; off_hours: outside them; holiday: a holiday of their ministry; away: an absence',
    }),
    until: Timestamp.nullable().meta({ description: 'When the state next changes; null when not within 400 days' }),
    resumesAt: Timestamp.nullable().meta({ description: 'When the callee’s working time next begins (now while working); null when not within 400 days' }),
    absence: Absence.nullable().meta({ description: 'The absence under way (state away), else null' }),
    holiday: z.string().nullable().meta({ description: 'The holiday’s name (state holiday), else null' }),
  })
  .meta({ id: 'Availability' });
export type Availability = z.infer<typeof Availability>;
