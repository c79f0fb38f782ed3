import { infiniteQueryOptions, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { z } from 'zod/mini';
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

/** A page asked for before the board wanted it: `taken` once the board asked for it, `next` its cursor once it arrived. */
interface Ahead {
  at: number;
  page: Promise<AwaitingPage>;
  taken: boolean;
  next: string | null | undefined;
}

/** Pages asked for ahead, by round ('' for the whole board) and cursor. */
const ahead = new Map<string, Ahead>();
/** How long a page asked for ahead may wait to be taken (it is taken within milliseconds when the board is open). */
const AHEAD_MAX_AGE_MS = 5_000;

/** A page; `onCursor` hears the next page's cursor as soon as the answer is read, before it is checked against the contract. */
async function fetchPage(cursor: string | null, roundId: string | undefined, signal?: AbortSignal, onCursor?: (next: string | null) => void): Promise<AwaitingPage> {
  const body = await api<unknown>('/calls/awaiting', { query: { limit: PAGE_SIZE, cursor, roundId }, signal });
  const next = (body as { nextCursor?: unknown } | null)?.nextCursor;
  if (typeof next === 'string' || next === null) onCursor?.(next);
  return { ...AwaitingList.parse(body), receivedAt: Date.now() };
}

/** Asks for the page at `cursor` ahead; once the board has taken it, its own successor is asked for as soon as its cursor is known. */
function askAhead(round: string, roundId: string | undefined, cursor: string): void {
  const entry: Ahead = { at: Date.now(), page: Promise.resolve(null as never), taken: false, next: undefined };
  entry.page = fetchPage(cursor, roundId, undefined, (next) => {
    entry.next = next;
    if (entry.taken && next !== null) askAhead(round, roundId, next);
  });
  // Taken (and its error shown) by the board's next fetch; unhandled until then.
  entry.page.catch(() => undefined);
  ahead.set(round + cursor, entry);
}

/**
 * A page, with the next one asked for as soon as its cursor is known, so the
 * server works on it while this browser checks and shows this one: at most
 * one page ahead of what the board asked for. A first page (a refetch starts
 * with one) drops whatever was asked for ahead of that list, and so does any
 * change the event stream brings (dropPagesAhead), so a page fetched before
 * a change is never taken after it.
 */
export async function fetchPageAhead(cursor: string | null, roundId: string | undefined, signal?: AbortSignal): Promise<AwaitingPage> {
  const round = `${roundId ?? ''}\u0000`;
  const early = cursor === null ? undefined : ahead.get(round + cursor);
  const now = Date.now();
  for (const [k, entry] of ahead) if (now - entry.at >= AHEAD_MAX_AGE_MS || (cursor === null ? k.startsWith(round) : k === round + cursor)) ahead.delete(k);
  if (early && now - early.at < AHEAD_MAX_AGE_MS) {
    early.taken = true;
    if (typeof early.next === 'string') askAhead(round, roundId, early.next);
    return early.page;
  }
  return fetchPage(cursor, roundId, signal, (next) => {
    if (next !== null) askAhead(round, roundId, next);
  });
}

/** Forgets every page asked for ahead: the event stream has just changed what they would show. */
export function dropPagesAhead(): void {
  ahead.clear();
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
