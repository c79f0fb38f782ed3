import { meta, z } from './zod.ts';
import { DEFAULT_WORKING_HOURS, WEEKDAYS, type Weekday, dayProblems } from '../domain/availability/working-hours.ts';
import { Id, PageQuery, Timestamp, listOf, sourceText as source, text } from './common.ts';

const Clock = meta(z.string().check(z.regex(/^\d\d:\d\d$/, 'must be a time "HH:MM" from 00:00 to 24:00')), {
  description: 'Local clock time "HH:MM", 00:00 to 24:00',
  example: '09:00',
});

export const Span = meta(z.tuple([Clock, Clock]), {
  id: 'WorkingSpan',
  description: 'From and to, local clock time; to after from',
  example: ['09:00', '18:00'],
});

const Day = z.array(Span).check(z.maxLength(12, 'must hold at most 12 spans'));

/**
 * Per weekday, the spans of local time (the callee's own zone) in which the
 * ministry works. Every day is named; a day off is an empty list.
 */
export const WorkingHours = meta(
  z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, Day])) as Record<Weekday, typeof Day>).check(
    z.superRefine((week, ctx) => {
      for (const day of WEEKDAYS) {
        for (const p of dayProblems(day, week[day] as [string, string][])) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
      }
    }),
  ),
  {
    id: 'WorkingHours',
    description: 'Per weekday (mon … sun) the spans of local time worked, in the callee’s own time zone. Spans end after they start and do not overlap.',
    example: DEFAULT_WORKING_HOURS,
  },
);
export type WorkingHours = z.infer<typeof WorkingHours>;

/** A calendar date, no time, no zone: "YYYY-MM-DD" (a real date). */
export const LocalDate = meta(
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"'),
    z.refine((d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
    }, 'is not a calendar date'),
  ),
  { description: 'Local date "YYYY-MM-DD"', example: '2013-02-14' },
);

export const ExtraHolidays = meta(
  z.array(LocalDate).check(
    z.maxLength(1000, 'must hold at most 1000 dates'),
    z.superRefine((dates, ctx) => {
      const seen = new Set<string>();
      dates.forEach((d, i) => {
        if (seen.has(d)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${d}` });
        seen.add(d);
      });
    }),
  ),
  { description: 'Local dates the ministry does not work besides its country’s public holidays' },
);

/** One public holiday or extra holiday of a ministry. */
export const Holiday = meta(
  z.object({
    date: LocalDate,
    name: meta(z.string(), { example: 'Defender of the Fatherland Day' }),
    kind: meta(z.enum(['public', 'extra']), { description: 'public: the country’s; extra: one of the ministry’s extraHolidays' }),
  }),
  { id: 'Holiday' },
);
export type Holiday = z.infer<typeof Holiday>;

export const HolidayQuery = z.strictObject({
  from: meta(z.optional(LocalDate), { description: 'First date (default: today, UTC)' }),
  days: meta(
    z._default(
      z.coerce
        .number({ message: 'must be a whole number from 1 to 1096' })
        .check(
          z.int('must be a whole number from 1 to 1096'),
          z.minimum(1, 'must be a whole number from 1 to 1096'),
          z.maximum(1096, 'must be a whole number from 1 to 1096'),
        ),
      366,
    ),
    { description: 'How many days from `from` (default 366)' },
  ),
});
export type HolidayQuery = z.infer<typeof HolidayQuery>;

export const HolidayList = meta(
  z.object({
    from: LocalDate,
    to: meta(LocalDate, { description: 'The last date looked at' }),
    countryHolidaysKnown: meta(z.boolean(), { description: 'False when the holiday data set has no public holidays for the ministry’s country' }),
    items: z.array(Holiday),
  }),
  { id: 'HolidayList' },
);
export type HolidayList = z.infer<typeof HolidayList>;

export const Absence = meta(
  z.object({
    id: Id,
    officialId: Id,
    from: Timestamp,
    to: Timestamp,
    reason: meta(z.string(), { example: 'Travelling in Africa' }),
    source: meta(z.nullable(z.string()), { description: 'Where the analyst learned of it (a readout, a press report, a URL)' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { id: 'Absence' },
);
export type Absence = z.infer<typeof Absence>;

const toAfterFrom = (value: { from?: string | undefined; to?: string | undefined }, ctx: z.core.$RefinementCtx) => {
  if (value.from !== undefined && value.to !== undefined && Date.parse(value.to) <= Date.parse(value.from)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  }
};

export const AbsenceCreate = meta(
  z.strictObject({ from: Timestamp, to: Timestamp, reason: text(300), source: z.optional(source) }).check(z.superRefine(toAfterFrom)),
  { id: 'AbsenceCreate' },
);
export type AbsenceCreate = z.infer<typeof AbsenceCreate>;

/** Any subset; `source: null` clears it. `to` must end up after `from` (checked against the stored value too). */
export const AbsencePatch = meta(
  z
    .strictObject({ from: z.optional(Timestamp), to: z.optional(Timestamp), reason: z.optional(text(300)), source: z.optional(z.nullable(source)) })
    .check(z.superRefine(toAfterFrom)),
  { id: 'AbsencePatch' },
);
export type AbsencePatch = z.infer<typeof AbsencePatch>;

export const AbsenceParam = z.strictObject({ id: Id, absenceId: Id });

export const AbsenceList = meta(listOf(Absence), { id: 'AbsenceList' });

export const AbsenceListQuery = z.extend(PageQuery, {
  upcoming: meta(
    z.optional(
      z.pipe(
        z.enum(['true', 'false']),
        z.transform((v) => v === 'true'),
      ),
    ),
    { description: 'true: only absences that have not ended yet' },
  ),
});
export type AbsenceListQuery = z.infer<typeof AbsenceListQuery>;

/** A callee's availability at the server's now. */
export const Availability = meta(
  z.object({
    state: meta(z.enum(['working', 'off_hours', 'holiday', 'away']), {
      description: 'working: inside the callee’s hours; off_hours: outside them; holiday: a holiday of their ministry; away: an absence',
    }),
    until: meta(z.nullable(Timestamp), { description: 'When the state next changes; null when not within 400 days' }),
    resumesAt: meta(z.nullable(Timestamp), { description: 'When the callee’s working time next begins (now while working); null when not within 400 days' }),
    absence: meta(z.nullable(Absence), { description: 'The absence under way (state away), else null' }),
    holiday: meta(z.nullable(z.string()), { description: 'The holiday’s name (state holiday), else null' }),
  }),
  { id: 'Availability' },
);
export type Availability = z.infer<typeof Availability>;
