import type { QueryClient } from '@tanstack/react-query';
import { ApiError, api } from '#client/lib/api-client.ts';
import { queryRoots } from '#client/lib/query-keys.ts';
import { Call, type AwaitingCall } from '#shared/schemas/calls.ts';
import { type AwaitingData, dropPagesAhead } from './awaiting.ts';

/** The board's order: oldest placedAt first, then id (as the server sorts). */
function before(a: Pick<Call, 'placedAt' | 'id'>, b: Pick<Call, 'placedAt' | 'id'>): boolean {
  const ta = Date.parse(a.placedAt);
  const tb = Date.parse(b.placedAt);
  return ta < tb || (ta === tb && a.id < b.id);
}

/** The whole board only: a board filtered to one round is refetched instead, and other 'awaiting' lists are not paged like it. */
const WHOLE_BOARD = ['awaiting', 'all'] as const;

function update(client: QueryClient, change: (data: AwaitingData) => AwaitingData) {
  // A page asked for ahead may predate this change: the board asks for it again.
  dropPagesAhead();
  client.setQueriesData<AwaitingData>({ queryKey: WHOLE_BOARD }, (data) => (data ? change(data) : data));
}

/** Takes a call off the board (it was answered, withdrawn or deleted). */
export function removeFromBoard(client: QueryClient, id: string) {
  update(client, (data) => ({ ...data, pages: data.pages.map((page) => (page.items.some((c) => c.id === id) ? { ...page, items: page.items.filter((c) => c.id !== id) } : page)) }));
}

/**
 * Puts an open call on the board in its place, or replaces it. A call that
 * sorts after everything loaded while more pages are still to come is left
 * for those pages to bring.
 */
export function putOnBoard(client: QueryClient, call: Call): Promise<void> | void {
  // The callee's availability comes with the board's own answer; a call's does not carry it.
  // Take it from the board (this call, or another to the same callee), or refetch the board.
  const known = client
    .getQueriesData<AwaitingData>({ queryKey: WHOLE_BOARD })
    .flatMap(([, data]) => data?.pages.flatMap((page) => page.items) ?? [])
    .sort((a, b) => (a.id === call.id ? -1 : b.id === call.id ? 1 : 0))
    .find((c) => c.id === call.id || c.calleeId === call.calleeId);
  if (!known) return client.invalidateQueries({ queryKey: queryRoots.awaiting });
  const entry: AwaitingCall = { ...call, waitingMs: Math.max(0, Date.now() - Date.parse(call.placedAt)), availability: known.availability };
  update(client, (data) => {
    const pages = data.pages.map((page) => ({ ...page, items: page.items.filter((c) => c.id !== call.id) }));
    const last = pages.length - 1;
    let target = pages.findIndex((page) => page.items.length > 0 && before(entry, page.items[page.items.length - 1]!));
    if (target === -1) {
      if (pages[last]?.nextCursor) return { ...data, pages };
      target = last;
    }
    const page = pages[target]!;
    const at = page.items.findIndex((c) => before(entry, c));
    const items = [...page.items];
    items.splice(at === -1 ? items.length : at, 0, entry);
    pages[target] = { ...page, items };
    return { ...data, pages };
  });
}

/**
 * Brings the board up to date with one changed call, as the event stream
 * reports it: one small request instead of refetching every open call.
 */
export async function applyCallChange(client: QueryClient, type: string, id: string): Promise<void> {
  // A board filtered to one round holds a handful of calls: it simply refetches.
  const roundBoards = { queryKey: ['awaiting', 'round'] };
  if (client.getQueriesData(roundBoards).length) void client.invalidateQueries(roundBoards);
  if (!client.getQueryData(WHOLE_BOARD)) return;
  if (type === 'call.deleted') return removeFromBoard(client, id);
  try {
    const call = await api(`/calls/${encodeURIComponent(id)}`, {}, Call);
    if (call.status === 'awaiting') await putOnBoard(client, call);
    else removeFromBoard(client, id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) removeFromBoard(client, id);
    else await client.invalidateQueries({ queryKey: queryRoots.awaiting });
  }
}
