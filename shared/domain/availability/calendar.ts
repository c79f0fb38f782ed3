import { DAY, type ZoneTable, zoneTable } from './zone-offsets.ts';
import { type WorkingHours, WEEKDAYS, spanMinutes, weekdayOf } from './working-hours.ts';

/** Holidays of one local year: local date "YYYY-MM-DD" → its name. */
export type HolidaysOfYear = (year: number) => ReadonlyMap<string, string>;

export interface CalendarRules {
  timeZone: string;
  hours: WorkingHours;
  holidays: HolidaysOfYear;
}

/** One local year of working time: sorted disjoint [start, end) instants with running sums. */
export interface YearChunk {
  year: number;
  /** The real instants of local Jan 1 00:00 of this year and of the next. */
  start: number;
  end: number;
  starts: Float64Array;
  ends: Float64Array;
  /** before[i]: working ms of the intervals before i. */
  before: Float64Array;
  total: number;
}

/** Local date "YYYY-MM-DD" of a local midnight given as ms read as UTC. */
export function localDateOf(localMidnight: number): string {
  return new Date(localMidnight).toISOString().slice(0, 10);
}

function chunkOf(year: number, start: number, end: number, flat: number[]): YearChunk {
  const n = flat.length / 2;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const before = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = flat[2 * i]!;
    ends[i] = flat[2 * i + 1]!;
    before[i] = sum;
    sum += ends[i]! - starts[i]!;
  }
  return { year, start, end, starts, ends, before, total: sum };
}

/**
 * A ministry's working hours and holidays in one time zone, turned into real
 * working intervals a local year at a time (built when first asked for and
 * kept). Officials of the same ministry and zone share one.
 */
export class BaseCalendar {
  private readonly chunks = new Map<number, YearChunk>();
  readonly zone: ZoneTable;
  private readonly minutes: Record<string, [number, number][]>;

  constructor(readonly rules: CalendarRules) {
    this.zone = zoneTable(rules.timeZone);
    this.minutes = Object.fromEntries(WEEKDAYS.map((d) => [d, spanMinutes(rules.hours[d])]));
  }

  /** The real instants of local Jan 1 00:00 of `year`. */
  yearStart(year: number): number {
    return this.zone.firstInstantAtOrAfter(Date.UTC(year, 0, 1));
  }

  /** The holiday name of a local date, or undefined. */
  holidayOn(localDate: string): string | undefined {
    return this.rules.holidays(Number(localDate.slice(0, 4))).get(localDate);
  }

  /** The real intervals of one local day's spans (holidays not applied), appended to `out`. */
  daySpans(localMidnight: number, out: number[]): void {
    for (const [s, e] of this.minutes[weekdayOf(localMidnight)]!) {
      this.zone.instantsOfLocal(localMidnight + s * 60_000, localMidnight + e * 60_000, out);
    }
  }

  chunk(year: number): YearChunk {
    let chunk = this.chunks.get(year);
    if (chunk) return chunk;
    const start = this.yearStart(year);
    const end = this.yearStart(year + 1);
    const holidays = this.rules.holidays(year);
    const flat: number[] = [];
    const day: number[] = [];
    for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += DAY) {
      if (holidays.has(localDateOf(d))) continue;
      day.length = 0;
      this.daySpans(d, day);
      for (let i = 0; i < day.length; i += 2) {
        const s = Math.max(start, day[i]!);
        const e = Math.min(end, day[i + 1]!);
        if (e <= s) continue;
        // A span ending at 24:00 and the next day's starting at 00:00 are one stretch.
        if (flat.length > 0 && flat[flat.length - 1] === s) flat[flat.length - 1] = e;
        else flat.push(s, e);
      }
    }
    chunk = chunkOf(year, start, end, flat);
    this.chunks.set(year, chunk);
    return chunk;
  }
}

/** Sorted, merged [from, to) intervals: overlapping absences count once. */
export function mergeIntervals(intervals: readonly { from: number; to: number }[]): { from: number; to: number }[] {
  const sorted = intervals.filter((a) => a.to > a.from).sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const a of sorted) {
    const last = merged[merged.length - 1];
    if (last && a.from <= last.to) last.to = Math.max(last.to, a.to);
    else merged.push({ from: a.from, to: a.to });
  }
  return merged;
}

/** A chunk with the merged absences cut out. */
export function withoutAbsences(chunk: YearChunk, absences: readonly { from: number; to: number }[]): YearChunk {
  const flat: number[] = [];
  let a = 0;
  for (let i = 0; i < chunk.starts.length; i++) {
    let s = chunk.starts[i]!;
    const e = chunk.ends[i]!;
    while (a < absences.length && absences[a]!.to <= s) a++;
    for (let k = a; k < absences.length && absences[k]!.from < e && s < e; k++) {
      const gap = absences[k]!;
      if (gap.from > s) flat.push(s, Math.min(gap.from, e));
      s = Math.max(s, gap.to);
    }
    if (s < e) flat.push(s, e);
  }
  return chunkOf(chunk.year, chunk.start, chunk.end, flat);
}
