import { tzOffset } from '@date-fns/tz';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
// No zone's offset lies outside −12 h … +14 h; a margin past both keeps the searches safe.
const MAX_AHEAD = 15 * HOUR;
const MAX_BEHIND = 13 * HOUR;

interface YearTable {
  /** at[0] is the year's first instant (UTC); the others are the instants the offset changes. */
  at: number[];
  /** off[i] (ms) holds from at[i] to the next entry. */
  off: number[];
}

const offsetMs = (zone: string, t: number) => tzOffset(zone, new Date(t)) * MINUTE;

/**
 * One IANA zone's UTC offsets, as a table of its transitions built a UTC year
 * at a time (sampled daily, each change found to the millisecond by
 * bisection) and kept for the process's life: the runtime's zone database has
 * no API for transitions, and asking Intl for every instant costs microseconds
 * — millions of them for a statistics index.
 */
export class ZoneTable {
  private readonly years = new Map<number, YearTable>();

  constructor(readonly zone: string) {}

  private year(y: number): YearTable {
    let table = this.years.get(y);
    if (table) return table;
    const start = Date.UTC(y, 0, 1);
    const end = Date.UTC(y + 1, 0, 1);
    const at = [start];
    const off = [offsetMs(this.zone, start)];
    let prevT = start;
    let prevOff = off[0]!;
    for (let t = start + DAY; prevT < end; t = Math.min(t + DAY, end)) {
      const o = t === end ? offsetMs(this.zone, end - 1) : offsetMs(this.zone, t);
      if (o !== prevOff) {
        // The first instant in (prevT, t] with the new offset.
        let lo = prevT;
        let hi = t === end ? end - 1 : t;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (offsetMs(this.zone, mid) === prevOff) lo = mid;
          else hi = mid;
        }
        at.push(hi);
        off.push(offsetMs(this.zone, hi));
        prevOff = off[off.length - 1]!;
      }
      prevT = t;
    }
    table = { at, off };
    this.years.set(y, table);
    return table;
  }

  /** The zone's offset (ms to add to UTC) at instant t. */
  offsetAt(t: number): number {
    const table = this.year(new Date(t).getUTCFullYear());
    let i = table.at.length - 1;
    while (i > 0 && table.at[i]! > t) i--;
    return table.off[i]!;
  }

  /** The offset changes in [from, to): pairs of (instant, offset from then on), plus the offset at `from`. */
  private changes(from: number, to: number): { first: number; at: number[]; off: number[] } {
    const first = this.offsetAt(from);
    const at: number[] = [];
    const off: number[] = [];
    const y0 = new Date(from).getUTCFullYear();
    const y1 = new Date(to).getUTCFullYear();
    for (let y = y0; y <= y1; y++) {
      const table = this.year(y);
      for (let i = 1; i < table.at.length; i++) {
        const t = table.at[i]!;
        if (t > from && t < to) {
          at.push(t);
          off.push(table.off[i]!);
        }
      }
    }
    return { first, at, off };
  }

  /**
   * The instants whose local clock reading lies in [localStart, localEnd)
   * (local times as ms read as if UTC), as sorted disjoint [start, end)
   * intervals. Exact across transitions: a span the spring change skips into
   * is shorter, one the autumn change repeats is counted for both readings.
   */
  instantsOfLocal(localStart: number, localEnd: number, out: number[]): void {
    const from = localStart - MAX_AHEAD;
    const to = localEnd + MAX_BEHIND;
    const { first, at, off } = this.changes(from, to);
    let segStart = from;
    let segOff = first;
    for (let i = 0; i <= at.length; i++) {
      const segEnd = i < at.length ? at[i]! : to;
      const s = Math.max(localStart, segStart + segOff) - segOff;
      const e = Math.min(localEnd, segEnd + segOff) - segOff;
      if (e > s) {
        // Touching pieces (a change that leaves the reading continuous) join.
        if (out.length > 0 && out[out.length - 1] === s) out[out.length - 1] = e;
        else out.push(s, e);
      }
      if (i < at.length) {
        segStart = segEnd;
        segOff = off[i]!;
      }
    }
  }

  /** The first instant whose local reading is at or after `local` (ms read as UTC). */
  firstInstantAtOrAfter(local: number): number {
    const out: number[] = [];
    this.instantsOfLocal(local, local + 2 * DAY, out);
    return out[0]!;
  }

  /** The local clock reading of instant t, as ms read as UTC. */
  local(t: number): number {
    return t + this.offsetAt(t);
  }
}

const tables = new Map<string, ZoneTable>();

/** The shared table of a zone (zone names are validated before they get here). */
export function zoneTable(zone: string): ZoneTable {
  let table = tables.get(zone);
  if (!table) {
    table = new ZoneTable(zone);
    tables.set(zone, table);
  }
  return table;
}
