import { type BaseCalendar, type YearChunk, mergeIntervals, withoutAbsences } from './calendar.ts';

export interface Interval {
  from: number;
  to: number;
}

/** The position of the last element ≤ x in a sorted array (−1 when none). */
function lastAtOrBelow(values: Float64Array, x: number, length = values.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * One callee's working time: their ministry's calendar in their zone, minus
 * their absences. Covers a contiguous run of local years, grown on demand,
 * with a running sum over the years, so that the working time between any
 * two instants is the difference of two binary searches.
 */
export class WorkingClock {
  readonly absences: readonly Interval[];
  private firstYear = 0;
  private chunks: YearChunk[] = [];
  private yearStarts = new Float64Array(0);
  /** beforeYear[k]: working ms of the chunks before chunk k. */
  private beforeYear = new Float64Array(0);

  constructor(
    readonly base: BaseCalendar,
    absences: readonly Interval[] = [],
  ) {
    this.absences = mergeIntervals(absences);
  }

  private makeChunk(year: number): YearChunk {
    const chunk = this.base.chunk(year);
    const touching = this.absences.filter((a) => a.to > chunk.start && a.from < chunk.end);
    return touching.length > 0 ? withoutAbsences(chunk, touching) : chunk;
  }

  /** Grows the covered years to include the one holding instant t. */
  private cover(t: number): void {
    const guess = new Date(t).getUTCFullYear();
    if (this.chunks.length === 0) {
      this.firstYear = guess;
      this.chunks = [this.makeChunk(guess)];
    }
    while (t < this.chunks[0]!.start) {
      this.firstYear--;
      this.chunks.unshift(this.makeChunk(this.firstYear));
    }
    while (t >= this.chunks[this.chunks.length - 1]!.end) {
      this.chunks.push(this.makeChunk(this.firstYear + this.chunks.length));
    }
    if (this.yearStarts.length !== this.chunks.length) {
      this.yearStarts = Float64Array.from(this.chunks, (c) => c.start);
      this.beforeYear = new Float64Array(this.chunks.length);
      let sum = 0;
      this.chunks.forEach((c, k) => {
        this.beforeYear[k] = sum;
        sum += c.total;
      });
    }
  }

  /** Working ms from the start of the covered years to t (only differences of it mean anything). */
  private cumulative(t: number): number {
    const k = lastAtOrBelow(this.yearStarts, t);
    const chunk = this.chunks[k]!;
    const i = lastAtOrBelow(chunk.starts, t);
    if (i < 0) return this.beforeYear[k]!;
    return this.beforeYear[k]! + chunk.before[i]! + Math.min(t, chunk.ends[i]!) - chunk.starts[i]!;
  }

  /** The working time in [from, to): 0 when `to` is not after `from`. */
  workingMs(from: number, to: number): number {
    if (!(to > from)) return 0;
    this.cover(from);
    this.cover(to);
    return this.cumulative(to) - this.cumulative(from);
  }

  /**
   * The first instant at or after t that is working time, looking at most
   * `horizonMs` ahead; null when there is none that soon.
   */
  nextWorkingInstant(t: number, horizonMs: number): number | null {
    const limit = t + horizonMs;
    this.cover(t);
    for (let k = lastAtOrBelow(this.yearStarts, t); ; k++) {
      if (k >= this.chunks.length) {
        if (this.chunks[this.chunks.length - 1]!.end > limit) return null;
        this.cover(this.chunks[this.chunks.length - 1]!.end);
      }
      const chunk = this.chunks[k]!;
      if (chunk.start > limit) return null;
      const i = Math.max(0, lastAtOrBelow(chunk.starts, t));
      for (let j = i; j < chunk.starts.length; j++) {
        if (chunk.ends[j]! > t) {
          const at = Math.max(t, chunk.starts[j]!);
          return at <= limit ? at : null;
        }
      }
    }
  }

  /** True when t is working time. */
  isWorking(t: number): boolean {
    return this.workingMs(t, t + 1) === 1;
  }
}
