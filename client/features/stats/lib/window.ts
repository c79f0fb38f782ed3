import { dayStartIso } from '#client/lib/format.ts';
import type { GroupBy, StatsClock, TrendInterval } from '#shared/schemas/stats.ts';

/** The page's filters as they sit in the URL: dates are the viewer's calendar days, `to` inclusive. */
export interface StatsFilters {
  groupBy: GroupBy;
  fromDate: string;
  toDate: string;
  interval: TrendInterval;
  /** Durations on the wall clock, or in the callees' working time. */
  clock: StatsClock;
  /** Only the calls of one outreach round (its id); '' for every call. */
  roundId: string;
}

const GROUPS: readonly GroupBy[] = ['ministry', 'official', 'country'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(params: URLSearchParams): StatsFilters {
  const groupBy = params.get('groupBy');
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    groupBy: GROUPS.includes(groupBy as GroupBy) ? (groupBy as GroupBy) : 'ministry',
    fromDate: DATE.test(from) ? from : '',
    toDate: DATE.test(to) ? to : '',
    interval: params.get('interval') === 'week' ? 'week' : 'month',
    clock: params.get('clock') === 'working' ? 'working' : 'wall',
    roundId: params.get('roundId')?.trim() ?? '',
  };
}

export function writeFilters(filters: StatsFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.groupBy !== 'ministry') params.set('groupBy', filters.groupBy);
  if (filters.fromDate) params.set('from', filters.fromDate);
  if (filters.toDate) params.set('to', filters.toDate);
  if (filters.interval !== 'month') params.set('interval', filters.interval);
  if (filters.clock !== 'wall') params.set('clock', filters.clock);
  if (filters.roundId) params.set('roundId', filters.roundId);
  return params;
}

/**
 * The API window for the chosen days (and round): from the start of `fromDate` to the
 * start of the day after `toDate`, in the viewer's zone, as ISO instants.
 */
export function apiWindow(filters: StatsFilters): { from?: string; to?: string; roundId?: string } {
  const window: { from?: string; to?: string; roundId?: string } = {};
  if (filters.roundId) window.roundId = filters.roundId;
  const from = filters.fromDate ? dayStartIso(filters.fromDate) : null;
  const to = filters.toDate ? dayStartIso(filters.toDate, true) : null;
  if (from) window.from = from;
  if (to) window.to = to;
  return window;
}
