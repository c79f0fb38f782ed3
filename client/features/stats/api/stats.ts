import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import { AwaitingContextList, ResponseTimes, Trend } from '#shared/schemas/stats.ts';
import type { AwaitingContext, GroupBy, StatsClock, TrendInterval } from '#shared/schemas/stats.ts';

export interface StatsWindow {
  groupBy: GroupBy;
  /** ISO instants; undefined = open-ended. */
  from?: string | undefined;
  to?: string | undefined;
  key?: string | undefined;
  /** The wall clock by default. */
  clock?: StatsClock | undefined;
  /** Only the calls of one outreach round. */
  roundId?: string | undefined;
}

// Every key starts with 'stats', which any change to a call, official or ministry invalidates.
export const statsKeys = {
  responseTimes: (w: StatsWindow) => ['stats', 'response-times', w] as const,
  trend: (w: StatsWindow & { interval: TrendInterval }) => ['stats', 'trend', w] as const,
  awaitingContext: (ministryId?: string) => ['stats', 'awaiting-context', ministryId ?? 'all'] as const,
};

export function responseTimesQuery(w: StatsWindow) {
  return queryOptions({
    queryKey: statsKeys.responseTimes(w),
    queryFn: ({ signal }) => api('/stats/response-times', { signal, query: { groupBy: w.groupBy, from: w.from, to: w.to, key: w.key, clock: w.clock, roundId: w.roundId } }, ResponseTimes),
    staleTime: 30_000,
  });
}

/** The figures per group; the previous answer stays on screen while a new window loads. */
export function useResponseTimes(w: StatsWindow) {
  return useQuery({ ...responseTimesQuery(w), placeholderData: keepPreviousData });
}

export function trendQuery(w: StatsWindow & { interval: TrendInterval }) {
  return queryOptions({
    queryKey: statsKeys.trend(w),
    queryFn: ({ signal }) => api('/stats/trend', { signal, query: { groupBy: w.groupBy, interval: w.interval, from: w.from, to: w.to, key: w.key, clock: w.clock, roundId: w.roundId } }, Trend),
    staleTime: 30_000,
  });
}

export function useTrend(w: StatsWindow & { interval: TrendInterval }) {
  return useQuery({ ...trendQuery(w), placeholderData: keepPreviousData });
}

/** Every open call's context, all pages (open calls number in the hundreds, rarely thousands). */
export async function fetchAwaitingContext(ministryId: string | undefined, signal?: AbortSignal) {
  const items: AwaitingContext[] = [];
  let cursor: string | null = null;
  let asOf = '';
  do {
    const page: AwaitingContextList = await api('/stats/awaiting-context', { signal, query: { limit: 500, cursor, ministryId } }, AwaitingContextList);
    asOf ||= page.asOf;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { asOf, items, byCall: new Map(items.map((item) => [item.callId, item])) };
}

/** Refreshed each minute: the shares move slowly, and changes to calls invalidate it anyway. */
const CONTEXT_REFRESH_MS = 60_000;

export function awaitingContextQuery(ministryId?: string) {
  return queryOptions({
    queryKey: statsKeys.awaitingContext(ministryId),
    queryFn: ({ signal }) => fetchAwaitingContext(ministryId, signal),
    staleTime: 30_000,
  });
}

export function useAwaitingContext(ministryId?: string) {
  const live = useLiveRefetchInterval();
  return useQuery({ ...awaitingContextQuery(ministryId), refetchInterval: live === false ? CONTEXT_REFRESH_MS : Math.min(live, CONTEXT_REFRESH_MS) });
}
