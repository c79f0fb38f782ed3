import { type CurveView, shareRepliedSooner } from '#shared/domain/stats/curve.ts';
import type {
  AwaitingContextList, AwaitingContextQuery, GroupBy, StatsClock, ResponseTimeGroup, ResponseTimes, ResponseTimesQuery, Trend, TrendQuery,
} from '#shared/schemas/stats.ts';
import { changeMarkOf } from '../../db/change-mark.ts';
import { RUNNING_MAX_AGE_MS } from '../../lib/answer-cache.ts';
import type { Deps } from '../../lib/context.ts';
import { badRequest } from '../../lib/errors.ts';
import { fromIso, toIso } from '../../lib/time.ts';
import { aggregate } from './aggregate.ts';
import { currentIndex } from './index-sync.ts';
import { roundIndex } from './round-index.ts';
import { currentWorkingIndex } from './working-index.ts';
import { MAX_PERIODS, periodsCovering } from './periods.ts';
import { listAwaitingPage, loadGroups } from './repository.ts';

interface Window {
  from?: string | undefined;
  to?: string | undefined;
}

const bounds = (w: Window) => ({
  fromMs: w.from === undefined ? -Infinity : fromIso(w.from),
  toMs: w.to === undefined ? Infinity : fromIso(w.to),
});

/** Each callee slot's group (−1: left out, e.g. when `only` names another group). */
function slotsOf(calleeIds: readonly string[], groups: Awaited<ReturnType<typeof loadGroups>>, only?: (key: string) => boolean): Int32Array {
  return Int32Array.from(calleeIds, (id) => {
    const group = groups.groupOf.get(id) ?? -1;
    return group >= 0 && only && !only(groups.keys[group]!) ? -1 : group;
  });
}

/**
 * The index brought up to date (or, with a roundId, an index of that round's calls), and each callee slot of it mapped to its
 * group (−1: left out, e.g. when `only` names another group).
 */
async function prepare(deps: Deps, groupBy: GroupBy, only?: (key: string) => boolean, clock: StatsClock = 'wall', roundId?: string) {
  const nowMs = deps.clock.now();
  if (roundId !== undefined) {
    const { index, data } = await roundIndex(deps, roundId, clock, nowMs);
    const groups = await loadGroups(deps.db, groupBy);
    return { index, data, groups, groupOfCallee: slotsOf(index.calleeIds, groups, only), nowMs };
  }
  // The index first: groups read afterwards know every callee it holds.
  // Triggers feed it: migration 2026-11-28-0002 logs every change to calls in stats_changes, which index-sync.ts replays.
  // In working time, the working index derived from it (working-index.ts).
  const working = clock === 'working' ? await currentWorkingIndex(deps, nowMs) : null;
  const index = working?.index ?? (await currentIndex(deps));
  const groups = await loadGroups(deps.db, groupBy);
  const groupOfCallee = slotsOf(index.calleeIds, groups, only);
  // What aggregate() streams: the index itself, or in working time the index with its running calls timed at nowMs.
  const data = working ? { index: working.view, openDurations: working.openDurations } : { index };
  return { index, data, groups, groupOfCallee, nowMs };
}

/** A query whose clock may be left out (the wall clock), as other server code calls it. */
type WithClock<Q extends { clock: StatsClock }> = Omit<Q, 'clock'> & { clock?: StatsClock | undefined };

const onlyKey = (key: string | undefined) => (key === undefined ? undefined : (k: string) => k === key);

/** Sorted by label, so that the answer (and a table of it) reads alphabetically. */
function byLabel<T extends { label: string; key: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.label.localeCompare(b.label, 'en') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** SPEC.md's response-time figures per group, plus the interval, 24/72 h chances and the small-sample flag. */
export async function responseTimes(deps: Deps, input: WithClock<ResponseTimesQuery>): Promise<ResponseTimes> {
  const query = { ...input, clock: input.clock ?? 'wall' };
  const { data, groups, groupOfCallee, nowMs } = await prepare(deps, query.groupBy, onlyKey(query.key), query.clock, query.roundId);
  const window = bounds(query);
  const streams = aggregate({ ...data, nowMs, ...window, groupOfCallee, groups: groups.keys.length });
  const result: ResponseTimeGroup[] = [];
  streams.forEach((stream, slot) => {
    if (stream) result.push({ key: groups.keys[slot]!, label: groups.labels[slot]!, ...stream.finish() });
  });
  return { groupBy: query.groupBy, clock: query.clock, from: query.from ? toIso(window.fromMs) : null, to: query.to ? toIso(window.toMs) : null, asOf: toIso(nowMs), groups: byLabel(result) };
}

/** Medians per UTC week or month of placedAt, per group. */
export async function responseTrend(deps: Deps, input: WithClock<TrendQuery>): Promise<Trend> {
  const query = { ...input, clock: input.clock ?? 'wall' };
  const { index, data, groups, groupOfCallee, nowMs } = await prepare(deps, query.groupBy, onlyKey(query.key), query.clock, query.roundId);
  const window = bounds(query);
  // Periods cover the window, cut down to the placedAt range the data has.
  const fromMs = Math.max(window.fromMs, index.minPlaced);
  const toMs = Math.min(window.toMs, index.maxPlaced + 1);
  let periods;
  try {
    periods = periodsCovering(query.interval, fromMs, toMs);
  } catch {
    throw badRequest(`The range holds more than ${MAX_PERIODS} ${query.interval}s; choose a shorter range or a longer interval`, [
      { path: 'interval', message: `gives more than ${MAX_PERIODS} periods over this range` },
    ]);
  }
  const streams = aggregate({ ...data, nowMs, ...window, groupOfCallee, groups: groups.keys.length, periods, options: { interval: false, curve: false } });
  const out: Trend['groups'] = [];
  for (let g = 0; g < groups.keys.length; g++) {
    const list: Trend['groups'][number]['periods'] = [];
    for (let p = 0; p < periods.count; p++) {
      const stream = streams[g * periods.count + p];
      if (!stream) continue;
      const s = stream.finish();
      list.push({
        start: toIso(periods.bounds[p]!),
        end: toIso(periods.bounds[p + 1]!),
        calls: s.calls,
        responded: s.responded,
        medianResponseMs: s.medianResponseMs,
        survivalMedianMs: s.survivalMedianMs,
      });
    }
    if (list.length > 0) out.push({ key: groups.keys[g]!, label: groups.labels[g]!, periods: list });
  }
  return {
    groupBy: query.groupBy,
    interval: query.interval,
    clock: query.clock,
    from: query.from ? toIso(window.fromMs) : null,
    to: query.to ? toIso(window.toMs) : null,
    asOf: toIso(nowMs),
    groups: byLabel(out),
  };
}

/** One ministry's record over all time: its Kaplan–Meier curve, medians and how many calls it holds. */
interface MinistryRecord {
  view: CurveView;
  median: number | null;
  plain: number | null;
  calls: number;
}

type MinistryRecords = { nowMs: number; records: Map<string, MinistryRecord> };

/** Every ministry's record, kept per database with the change mark and the moment it was computed. */
const keptRecords = new WeakMap<object, { mark: string; atMs: number; records: Promise<MinistryRecords> }>();

/**
 * Every ministry's record over all time, at the server's now. One pass over
 * the whole index answers them all, and the board asks for them page after
 * page (and the alerts and briefing with it), so they are kept while the
 * database is unchanged and for a second at most, as a running wait is in
 * answers (lib/answer-cache.ts): `nowMs` says when they were computed and
 * every elapsed time is measured from it.
 */
function ministryRecords(deps: Deps): Promise<MinistryRecords> {
  const mark = changeMarkOf(deps.db);
  if (mark === null) return computeMinistryRecords(deps);
  const now = deps.clock.now();
  const kept = keptRecords.get(deps.db);
  if (kept && kept.mark === mark && now >= kept.atMs && now - kept.atMs < RUNNING_MAX_AGE_MS) return kept.records;
  const records = computeMinistryRecords(deps);
  const entry = { mark, atMs: now, records };
  keptRecords.set(deps.db, entry);
  records.catch(() => {
    if (keptRecords.get(deps.db) === entry) keptRecords.delete(deps.db);
  });
  return records;
}

async function computeMinistryRecords(deps: Deps): Promise<MinistryRecords> {
  const { data, groups, groupOfCallee, nowMs } = await prepare(deps, 'ministry');
  const streams = aggregate({ ...data, nowMs, fromMs: -Infinity, toMs: Infinity, groupOfCallee, groups: groups.keys.length, options: { interval: false } });
  const records = new Map<string, MinistryRecord>();
  streams.forEach((stream, slot) => {
    if (!stream) return;
    const view = stream.curveView();
    const s = stream.finish();
    records.set(groups.keys[slot]!, { view, median: s.survivalMedianMs, plain: s.medianResponseMs, calls: s.calls });
  });
  return { nowMs, records };
}

/**
 * The share of each open call's ministry's calls that had a reply sooner than
 * this call has waited (1 − S(elapsed)), with how many calls that record
 * holds: the board's "longer than N% of its replies" and the unusual_wait
 * alert read this one figure.
 */
export async function waitShares(
  deps: Deps,
  calls: readonly { id: string; ministryId: string; placedAt: number }[],
): Promise<{ nowMs: number; shares: Map<string, { elapsedMs: number; share: ReturnType<typeof shareRepliedSooner>; record: MinistryRecord | undefined }> }> {
  const { nowMs, records } = await ministryRecords(deps);
  const shares = new Map(
    calls.map((call) => {
      const elapsedMs = Math.max(0, nowMs - call.placedAt);
      const record = records.get(call.ministryId);
      return [call.id, { elapsedMs, share: record ? shareRepliedSooner(record.view, elapsedMs) : null, record }] as const;
    }),
  );
  return { nowMs, shares };
}

/**
 * "Is this wait unusual?": each open call against its callee ministry's
 * Kaplan–Meier curve over all time (the call itself included, censored at
 * its current wait, as it should be).
 */
export async function awaitingContext(deps: Deps, query: AwaitingContextQuery): Promise<AwaitingContextList> {
  const pageOfCalls = await listAwaitingPage(deps.db, query);
  // The ministries' records are shared by every page of the board asked for within a second (ministryRecords).
  const { nowMs, shares } = await waitShares(deps, pageOfCalls.items);
  const items = pageOfCalls.items.map((call) => {
    const { elapsedMs, share, record: ministry } = shares.get(call.id)!;
    return {
      callId: call.id,
      ministryId: call.ministryId,
      ministryShortName: call.shortName,
      calleeName: call.calleeName,
      elapsedMs,
      shareRepliedSooner: share?.share ?? null,
      isLowerBound: share?.isLowerBound ?? false,
      ministryMedianMs: ministry?.median ?? null,
      ministryMedianResponseMs: ministry?.plain ?? null,
    };
  });
  return { asOf: toIso(nowMs), items, nextCursor: pageOfCalls.nextCursor };
}
