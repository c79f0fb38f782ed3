import { AWAITING } from '#shared/domain/stats/stream.ts';
import type { StatsClock } from '#shared/schemas/stats.ts';
import type { Deps } from '../../lib/context.ts';
import { loadCalendars } from '../availability/service.ts';
import { Columns } from './columns.ts';
import { DurationIndex, IndexBuilder } from './duration-index.ts';

/**
 * The statistics of one round (`roundId`): the shared index holds no round,
 * and a round holds a handful of calls, so they are read and indexed afresh,
 * in wall or working time, and streamed exactly as the whole index is.
 */
export async function roundIndex(deps: Deps, roundId: string, clock: StatsClock, nowMs: number) {
  const rows = await deps.db
    .selectFrom('calls')
    .select(['callee_id', 'placed_at', 'status', 'responded_at', 'closed_at'])
    .where('round_id', '=', roundId)
    .execute();
  if (clock === 'wall') {
    const index = DurationIndex.build(rows);
    return { index, data: { index } };
  }
  const calendars = await loadCalendars(deps.db, [...new Set(rows.map((r) => r.callee_id))]);
  const index: DurationIndex = new DurationIndex((slot, placed, end) => calendars.get(index.calleeIds[slot]!)?.clock.workingMs(placed, end) ?? 0);
  const builder = new IndexBuilder(index);
  for (const row of rows) builder.push(row);
  builder.finish();
  // The running calls' working durations at nowMs, ascending, as aggregate() wants them.
  const open = index.open;
  const n = open.length;
  const durations = Array.from({ length: n }, (_, i) => calendars.get(index.calleeIds[open.callee[i]!]!)?.clock.workingMs(open.placed[i]!, nowMs) ?? 0);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => durations[a]! - durations[b]!);
  const sorted = new Columns(n);
  const openDurations = new Float64Array(n);
  order.forEach((i, k) => {
    sorted.key[k] = durations[i]!;
    sorted.placed[k] = open.placed[i]!;
    sorted.callee[k] = open.callee[i]!;
    sorted.kind[k] = open.kind[i] ?? AWAITING;
    openDurations[k] = durations[i]!;
  });
  sorted.length = n;
  return { index, data: { index: { closed: index.closed, open: sorted }, openDurations } };
}
