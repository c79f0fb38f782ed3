/** A ministry's week: per weekday, spans of local clock time ["HH:MM", "HH:MM"]. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Span = readonly [string, string];
export type WorkingHours = Readonly<Record<Weekday, readonly Span[]>>;

const nineToSix: readonly Span[] = [['09:00', '18:00']];

/** What a ministry works when nobody said otherwise: Monday to Friday, 09:00–18:00. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  mon: nineToSix,
  tue: nineToSix,
  wed: nineToSix,
  thu: nineToSix,
  fri: nineToSix,
  sat: [],
  sun: [],
};

const CLOCK = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Minutes after local midnight of "HH:MM" (00:00 … 24:00), or undefined when it is not one. */
export function clockMinutes(value: string): number | undefined {
  const m = CLOCK.exec(value);
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}

export interface HoursProblem {
  /** Path inside the week, e.g. ["mon", 1, 0]. */
  path: (string | number)[];
  message: string;
}

/**
 * Everything wrong with one day's spans: clock times outside 00:00–24:00, a
 * span that does not end after it starts (overnight spans are two spans, one
 * on each day), spans that overlap. Spans that only touch are fine.
 */
export function dayProblems(day: Weekday, spans: readonly Span[]): HoursProblem[] {
  const problems: HoursProblem[] = [];
  const parsed: { index: number; start: number; end: number }[] = [];
  spans.forEach(([from, to], index) => {
    const start = clockMinutes(from);
    const end = clockMinutes(to);
    if (start === undefined) problems.push({ path: [day, index, 0], message: 'must be a time "HH:MM" from 00:00 to 24:00' });
    if (end === undefined) problems.push({ path: [day, index, 1], message: 'must be a time "HH:MM" from 00:00 to 24:00' });
    if (start === undefined || end === undefined) return;
    if (end <= start) {
      problems.push({ path: [day, index, 1], message: `must be after the span's start (${from}); a span past midnight is two spans, one on each day` });
      return;
    }
    parsed.push({ index, start, end });
  });
  const sorted = [...parsed].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const span = sorted[i]!;
    if (span.start < prev.end) {
      const later = Math.max(prev.index, span.index);
      const other = Math.min(prev.index, span.index);
      problems.push({ path: [day, later], message: `overlaps span ${other} of the same day` });
    }
  }
  return problems;
}

/** A day's spans as [start, end) minutes after local midnight, sorted. Assumes they passed dayProblems. */
export function spanMinutes(spans: readonly Span[]): [number, number][] {
  return spans.map(([from, to]) => [clockMinutes(from)!, clockMinutes(to)!] as [number, number]).sort((a, b) => a[0] - b[0]);
}

/** The weekday of a day given as ms of its local midnight read as UTC. */
export function weekdayOf(localMidnight: number): Weekday {
  // getUTCDay: 0 is Sunday.
  return WEEKDAYS[(new Date(localMidnight).getUTCDay() + 6) % 7]!;
}
