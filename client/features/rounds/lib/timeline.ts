import type { CallStatus } from '#shared/schemas/calls.ts';
import type { RoundCall } from '#shared/schemas/rounds.ts';

const HOUR = 3_600_000;

/** One callee's bar: where it starts and how long it runs, in hours since the trigger. */
export interface TimelineRow {
  id: string;
  /** The callee's name (the axis), and their ministry (the tooltip). */
  label: string;
  ministry: string;
  status: CallStatus;
  offsetHours: number;
  spanHours: number;
  attempts: number;
  /** Each further attempt, in hours since the trigger. */
  attemptHours: number[];
}

/**
 * The round's calls as bars: from each first try to its reply (or withdrawal,
 * or `now` while it awaits), counted from the trigger (or from the first call
 * when the round has no trigger time, or a call came before it). Further
 * attempts come from `attemptTimes` by call; without them, the last one
 * (`lastAttemptAt`) is still marked.
 */
export function timelineRows(calls: readonly RoundCall[], triggerAt: string | null, now: number, attemptTimes: ReadonlyMap<string, readonly string[]> = new Map()): TimelineRow[] {
  if (calls.length === 0) return [];
  const firstPlaced = Math.min(...calls.map((call) => Date.parse(call.placedAt)));
  const origin = triggerAt ? Math.min(Date.parse(triggerAt), firstPlaced) : firstPlaced;
  const hours = (ms: number) => (ms - origin) / HOUR;
  return calls.map((call) => {
    const start = Date.parse(call.placedAt);
    const endIso = call.respondedAt ?? call.closedAt;
    const end = Math.max(start, endIso ? Date.parse(endIso) : now);
    const known = attemptTimes.get(call.id);
    const tries = known && known.length ? known : call.attempts > 1 ? [call.lastAttemptAt] : [];
    return {
      id: call.id,
      label: call.callee.name,
      ministry: call.callee.ministry.shortName,
      status: call.status,
      offsetHours: hours(start),
      spanHours: (end - start) / HOUR,
      attempts: call.attempts,
      attemptHours: tries.map((at) => hours(Date.parse(at))),
    };
  });
}

/** The time axis: round steps in hours, far enough for the longest bar (and the 24 h line at least). */
export function timelineTicks(rows: readonly TimelineRow[]): { ticks: number[]; max: number } {
  const longest = Math.max(...rows.map((row) => row.offsetHours + row.spanHours), 0);
  const need = Math.max(longest * 1.05, 26);
  const steps = [6, 12, 24, 48, 72, 168, 336, 720];
  const step = steps.find((s) => need / s <= 7) ?? Math.ceil(need / 7 / 720) * 720;
  const ticks = [0];
  while (ticks[ticks.length - 1]! < need) ticks.push(ticks[ticks.length - 1]! + step);
  return { ticks, max: ticks[ticks.length - 1]! };
}
