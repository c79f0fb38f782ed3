import { describe, expect, it } from 'vitest';
import { AWAITING, REPLY, WITHDRAWN } from '#shared/domain/stats/stream.ts';
import { countGroup, summarizeCounts } from '../../../tests/reference/stats/summary.ts';
import type { CallForStats } from '../../../tests/reference/stats/summary.ts';
import type { CallStatus } from '#shared/schemas/calls.ts';
import { aggregate } from './aggregate.ts';
import { DurationIndex, IndexBuilder, type StatsRow } from './duration-index.ts';
import { periodStart } from '#shared/domain/stats/periods.ts';
import { periodsCovering } from './periods.ts';

const row = (callee: string, placed: number, status: CallStatus, end: number | null = null): StatsRow => ({
  callee_id: callee,
  placed_at: placed,
  status,
  responded_at: status === 'withdrawn' || status === 'awaiting' ? null : end,
  closed_at: status === 'withdrawn' ? end : null,
});

function contents(index: DurationIndex) {
  const list = (c: DurationIndex['closed']) =>
    Array.from({ length: c.length }, (_, i) => [c.key[i], c.placed[i], index.calleeIds[c.callee[i]!], c.kind[i]]);
  return { closed: list(index.closed), open: list(index.open) };
}

describe('DurationIndex', () => {
  it('builds the same columns, sorted in place, whatever number of calls it was told to expect', () => {
    // Few distinct keys, so that ties are common: equal keys keep the order the calls came in.
    let state = 7;
    const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
    const statuses: CallStatus[] = ['awaiting', 'returned', 'declined', 'withdrawn', 'answered'];
    const rows = Array.from({ length: 5000 }, () => {
      const placed = next(400);
      return row(`o${next(9)}`, placed, statuses[next(statuses.length)]!, placed + next(50));
    });
    const expected = (open: boolean) =>
      rows
        .map((r, i) => ({ r, i, end: r.responded_at ?? r.closed_at }))
        .filter(({ end }) => (end === null) === open)
        .map(({ r, i, end }) => ({ i, key: end === null ? -r.placed_at : end - r.placed_at, r }))
        .sort((a, b) => a.key - b.key || a.i - b.i)
        .map(({ key, r }) => [key, r.placed_at, r.callee_id, r.status === 'withdrawn' ? WITHDRAWN : r.status === 'awaiting' ? AWAITING : REPLY]);
    const open = rows.filter((r) => r.status === 'awaiting').length;
    for (const hint of [undefined, { closed: 0, open: 0 }, { closed: rows.length - open, open }, { closed: 10_000, open: 10_000 }]) {
      const builder = new IndexBuilder(undefined, hint);
      for (const r of rows) builder.push(r);
      const index = builder.finish();
      expect(contents(index)).toEqual({ closed: expected(false), open: expected(true) });
      expect(index.size).toBe(rows.length);
      // Spare room is kept only where the hint asked for it; the columns still take later changes.
      if (hint?.open === open) expect(index.closed.key.length + index.open.key.length).toBe(rows.length);
      expect(index.applyChanges([{ sign: 1, row: row('new', 1, 'returned', 3) }])).toBe(true);
      expect(index.size).toBe(rows.length + 1);
    }
  });

  it('sorts fixed durations ascending and open calls by placedAt descending', () => {
    const index = DurationIndex.build([
      row('a', 100, 'returned', 130), // 30
      row('a', 50, 'awaiting'),
      row('b', 0, 'withdrawn', 10), // 10
      row('b', 70, 'awaiting'),
      row('a', 200, 'answered', 200), // 0
    ]);
    expect(contents(index)).toEqual({
      closed: [[0, 200, 'a', REPLY], [10, 0, 'b', WITHDRAWN], [30, 100, 'a', REPLY]],
      open: [[-70, 70, 'b', AWAITING], [-50, 50, 'a', AWAITING]],
    });
    expect([index.minPlaced, index.maxPlaced]).toEqual([0, 200]);
  });

  it('applies removals and additions in log order, as one batch', () => {
    const index = DurationIndex.build([row('a', 100, 'returned', 130), row('a', 50, 'awaiting')]);
    const ok = index.applyChanges([
      // The open call gets its reply: out as awaiting, in as returned (40).
      { sign: -1, row: row('a', 50, 'awaiting') },
      { sign: 1, row: row('a', 50, 'returned', 90) },
      // A call created and deleted within the batch leaves no trace.
      { sign: 1, row: row('c', 10, 'awaiting') },
      { sign: -1, row: row('c', 10, 'awaiting') },
      { sign: 1, row: row('b', 5, 'declined', 6) }, // 1
    ]);
    expect(ok).toBe(true);
    expect(contents(index)).toEqual({
      closed: [[1, 5, 'b', REPLY], [30, 100, 'a', REPLY], [40, 50, 'a', REPLY]],
      open: [],
    });
  });

  it('reports drift (a removal it cannot find) without changing anything', () => {
    const index = DurationIndex.build([row('a', 100, 'returned', 130)]);
    expect(index.applyChanges([{ sign: 1, row: row('a', 1, 'awaiting') }, { sign: -1, row: row('a', 100, 'returned', 131) }])).toBe(false);
    expect(contents(index).closed).toEqual([[30, 100, 'a', REPLY]]);
    expect(index.open.length).toBe(0);
  });

  it('stays equal to a fresh build through many random batches', () => {
    let seed = 1;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const statuses: CallStatus[] = ['awaiting', 'answered', 'returned', 'declined', 'withdrawn'];
    const make = () => {
      const placed = Math.floor(next() * 100);
      return row(`o${Math.floor(next() * 4)}`, placed, statuses[Math.floor(next() * 5)]!, placed + Math.floor(next() * 20));
    };
    let live: StatsRow[] = Array.from({ length: 50 }, make);
    const index = DurationIndex.build(live);
    for (let batch = 0; batch < 40; batch++) {
      const changes: { sign: number; row: StatsRow }[] = [];
      for (let k = Math.floor(next() * 8); k > 0; k--) {
        if (live.length > 0 && next() < 0.5) {
          const i = Math.floor(next() * live.length);
          changes.push({ sign: -1, row: live[i]! });
          live = live.filter((_, j) => j !== i);
        } else {
          const r = make();
          live.push(r);
          changes.push({ sign: 1, row: r });
        }
      }
      expect(index.applyChanges(changes)).toBe(true);
      const sorted = (x: ReturnType<typeof contents>) => ({ closed: [...x.closed].map(String).sort(), open: [...x.open].map(String).sort() });
      expect(sorted(contents(index))).toEqual(sorted(contents(DurationIndex.build(live))));
    }
  });
});

describe('aggregate', () => {
  it('gives each group what summarizeGroup gives for its calls, at any now', () => {
    const rows = [
      row('a', 0, 'returned', 10), row('a', 5, 'awaiting'), row('a', 8, 'withdrawn', 18), row('a', 12, 'answered', 12),
      row('b', 3, 'awaiting'), row('b', 4, 'declined', 40), row('c', 1000, 'awaiting'), // c: placed after now → waited 0
    ];
    const index = DurationIndex.build(rows);
    const groupOfCallee = Int32Array.from(index.calleeIds, (id) => ({ a: 0, b: 1, c: 1 })[id] ?? -1);
    for (const now of [20, 35, 100, 990]) {
      const streams = aggregate({ index, nowMs: now, fromMs: -Infinity, toMs: Infinity, groupOfCallee, groups: 2 });
      const forStats = (r: StatsRow): CallForStats => ({ status: r.status as CallStatus, placedAtMs: r.placed_at, respondedAtMs: r.responded_at, closedAtMs: r.closed_at });
      const a = summarizeCounts(countGroup(rows.filter((r) => r.callee_id === 'a').map(forStats), now));
      const b = summarizeCounts(countGroup(rows.filter((r) => r.callee_id !== 'a').map(forStats), now));
      expect(streams[0]?.finish()).toMatchObject({ ...a, survivalThinned: false });
      expect(streams[1]?.finish()).toMatchObject({ ...b, survivalThinned: false });
    }
  });

  it('keeps only calls placed in the window, split by period', () => {
    const index = DurationIndex.build([row('a', 0, 'returned', 10), row('a', 10, 'returned', 30), row('a', 20, 'awaiting')]);
    const periods = { count: 2, of: (placed: number) => (placed < 10 ? 0 : 1) };
    const streams = aggregate({ index, nowMs: 100, fromMs: 0, toMs: 20, groupOfCallee: Int32Array.of(0), groups: 1, periods });
    expect(streams.map((s) => s?.finish().medianResponseMs)).toEqual([10, 20]);
  });
});

describe('periods', () => {
  it('starts weeks on Monday and months on the 1st, in UTC', () => {
    // Tue 2013-02-12 10:00Z → Mon 2013-02-11; Sun 2013-02-17 23:59Z → the same Monday.
    expect(new Date(periodStart('week', Date.UTC(2013, 1, 12, 10))).toISOString()).toBe('2013-02-11T00:00:00.000Z');
    expect(new Date(periodStart('week', Date.UTC(2013, 1, 17, 23, 59))).toISOString()).toBe('2013-02-11T00:00:00.000Z');
    expect(new Date(periodStart('month', Date.UTC(2013, 1, 28, 23))).toISOString()).toBe('2013-02-01T00:00:00.000Z');
  });

  it('covers a range with whole periods and finds the one holding a time', () => {
    const months = periodsCovering('month', Date.UTC(2012, 11, 15), Date.UTC(2013, 2, 1));
    expect(months.bounds.map((b) => new Date(b).toISOString().slice(0, 10))).toEqual(['2012-12-01', '2013-01-01', '2013-02-01', '2013-03-01']);
    expect(months.of(Date.UTC(2013, 0, 31, 23))).toBe(1);
    expect(months.of(Date.UTC(2013, 2, 1))).toBe(-1);
    const weeks = periodsCovering('week', Date.UTC(2013, 1, 12), Date.UTC(2013, 1, 19));
    expect(weeks.count).toBe(2);
    expect(weeks.of(Date.UTC(2013, 1, 18))).toBe(1);
    expect(periodsCovering('week', 10, 10).count).toBe(0);
    expect(() => periodsCovering('week', 0, Date.UTC(2000, 0, 1))).toThrow(RangeError);
  });
});
