import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { z } from 'zod';
import { api } from '#client/lib/api-client.ts';
import { useLiveMode, POLL_INTERVAL_MS } from '#client/lib/live-mode.ts';
import { AwaitingList, type AwaitingCall } from '#shared/schemas/calls.ts';

const PAGE_SIZE = 500;

/** One page of the board as fetched, with the moment it arrived (for the clock-skew estimate). */
export type AwaitingPage = z.infer<typeof AwaitingList> & { receivedAt: number };
export type AwaitingData = InfiniteData<AwaitingPage>;

export interface AwaitingBoard {
  /** Every open call loaded so far, longest wait first (the server's order). */
  items: AwaitingCall[];
  /**
   * How far the server's clock runs ahead of this browser's (ms), from the
   * `waitingMs` it reported; 0 when the difference is within network noise.
   * Timers add it, so a laptop with a wrong clock still shows true waits.
   */
  skewMs: number;
}

/** The server's clock minus ours, estimated from each call's waitingMs at the moment the answer arrived. */
export function estimateSkew(items: readonly AwaitingCall[], receivedAt: number): number {
  const samples = items.slice(0, 25).map((call) => call.waitingMs - (receivedAt - Date.parse(call.placedAt)));
  if (samples.length === 0) return 0;
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  return Math.abs(median) < 2_000 ? 0 : median;
}

/** The loaded pages as one list, without the duplicates a page boundary can bring while calls change. */
export function boardOf(data: AwaitingData | undefined): AwaitingBoard {
  const first = data?.pages[0];
  if (!data || !first) return { items: [], skewMs: 0 };
  const seen = new Set<string>();
  const items: AwaitingCall[] = [];
  for (const page of data.pages) {
    for (const call of page.items) {
      if (seen.has(call.id)) continue;
      seen.add(call.id);
      items.push(call);
    }
  }
  return { items, skewMs: estimateSkew(first.items, first.receivedAt) };
}

/** A page asked for before the board wanted it, by round ('' for the whole board) and cursor. */
const ahead = new Map<string, { at: number; page: Promise<AwaitingPage> }>();
/** How long a page asked for ahead may wait to be taken (it is taken within milliseconds when the board is open). */
const AHEAD_MAX_AGE_MS = 5_000;

function fetchPage(cursor: string | null, roundId: string | undefined, signal?: AbortSignal): Promise<AwaitingPage> {
  return api('/calls/awaiting', { query: { limit: PAGE_SIZE, cursor, roundId }, signal }, AwaitingList).then((page) => ({ ...page, receivedAt: Date.now() }));
}

/**
 * A page, and the next one asked for as soon as its cursor is known, so the
 * server works on it while this browser reads and shows this one. A page
 * asked for ahead is only ever taken as the successor of the page fetched
 * just before it: a first page (a refetch starts with one) drops whatever
 * was asked for ahead of that list.
 */
export async function fetchPageAhead(cursor: string | null, roundId: string | undefined, signal?: AbortSignal): Promise<AwaitingPage> {
  const round = `${roundId ?? ''}\u0000`;
  const key = (c: string) => round + c;
  const early = cursor === null ? undefined : ahead.get(key(cursor));
  const now = Date.now();
  // A first page starts the list anew: nothing asked for ahead before it is taken.
  for (const [k, entry] of ahead) if (now - entry.at >= AHEAD_MAX_AGE_MS || (cursor === null ? k.startsWith(round) : k === key(cursor))) ahead.delete(k);
  const page = early && now - early.at < AHEAD_MAX_AGE_MS ? await early.page : await fetchPage(cursor, roundId, signal);
  if (page.nextCursor !== null) {
    const next = fetchPage(page.nextCursor, roundId);
    // Taken (and its error shown) by the board's next fetch; unhandled until then.
    next.catch(() => undefined);
    ahead.set(key(page.nextCursor), { at: Date.now(), page: next });
  }
  return page;
}

/**
 * Pages of 500, one after another (each asked for while the one before is
 * shown): the longest waits (the top of the board) show as soon as the first
 * page arrives, and a refetch keeps the board on screen until the new pages
 * are in.
 */
function boardQuery(queryKey: readonly unknown[], roundId?: string) {
  return infiniteQueryOptions({
    queryKey,
    queryFn: ({ pageParam, signal }): Promise<AwaitingPage> => fetchPageAhead(pageParam, roundId, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: AwaitingPage) => last.nextCursor,
  });
}

/** The whole board: the one the event stream keeps current call by call (awaiting-cache.ts). */
export const awaitingQuery = boardQuery(['awaiting', 'all'] as const);

/** The board filtered to one round: refetched (it is small) when any call changes. */
export const roundBoardQuery = (roundId: string) => boardQuery(['awaiting', 'round', roundId] as const, roundId);

/**
 * The whole board, or one round's part of it. While the event stream is live
 * it keeps the board current call by call (app/live-updates.ts), so the full
 * list is refetched only when the stream is down (every POLL_INTERVAL_MS) or
 * after this analyst's own changes.
 */
export function useAwaiting(roundId?: string) {
  const live = useLiveMode() === 'live';
  const query = useInfiniteQuery({
    ...(roundId ? roundBoardQuery(roundId) : awaitingQuery),
    refetchInterval: live ? false : POLL_INTERVAL_MS,
    refetchOnWindowFocus: !live,
    staleTime: live ? 5 * 60_000 : 10_000,
  });
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const board = useMemo(() => boardOf(query.data), [query.data]);
  return { query, board, complete: query.isSuccess && !hasNextPage };
}
