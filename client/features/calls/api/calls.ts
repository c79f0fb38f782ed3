import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import { AwaitingList, Call, CallList, type CallPatch } from '#shared/schemas/calls.ts';
import { HistoryList } from '#shared/schemas/history.ts';
import { toApiQuery, type CallFilters } from '../lib/call-filters.ts';

const PAGE_SIZE = 50;

export const callKeys = {
  list: (filters: CallFilters) => ['calls', 'list', filters] as const,
  /** A short, non-paginated list (an official's recent calls); kept apart from the infinite lists. */
  recent: (officialId: string) => ['calls', 'recent', officialId] as const,
  detail: (id: string) => ['calls', 'detail', id] as const,
  /** Whether any call exists at all (one row of the plain list). */
  any: ['calls', 'any'] as const,
  history: (id: string) => ['calls', 'history', id] as const,
  awaitingForMinistry: (ministryId: string) => ['awaiting', 'ministry', ministryId] as const,
};

export function callsListQuery(filters: CallFilters) {
  return infiniteQueryOptions({
    queryKey: callKeys.list(filters),
    queryFn: ({ signal, pageParam }) => api('/calls', { signal, query: { ...toApiQuery(filters), limit: PAGE_SIZE, cursor: pageParam } }, CallList),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function recentCallsQuery(officialId: string, limit = 20) {
  return queryOptions({
    queryKey: callKeys.recent(officialId),
    queryFn: ({ signal }) => api('/calls', { signal, query: { officialId, limit } }, CallList),
  });
}

/** True once any call has been logged (deleted ones aside): a fresh install's board says so. */
export function anyCallQuery() {
  return queryOptions({
    queryKey: callKeys.any,
    queryFn: async ({ signal }) => (await api('/calls', { signal, query: { limit: 1 } }, CallList)).items.length > 0,
  });
}

export function callQuery(id: string) {
  return queryOptions({
    queryKey: callKeys.detail(id),
    queryFn: ({ signal }) => api(`/calls/${encodeURIComponent(id)}`, { signal }, Call),
  });
}

export function callHistoryQuery(id: string) {
  return infiniteQueryOptions({
    queryKey: callKeys.history(id),
    queryFn: ({ signal, pageParam }) => api(`/calls/${encodeURIComponent(id)}/history`, { signal, query: { limit: 100, cursor: pageParam } }, HistoryList),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function awaitingForMinistryQuery(ministryId: string) {
  return queryOptions({
    queryKey: callKeys.awaitingForMinistry(ministryId),
    queryFn: ({ signal }) => api('/calls/awaiting', { signal, query: { ministryId, limit: 200 } }, AwaitingList),
  });
}

/** The ETag of a version, as the server writes it. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The call as the server holds it now, bypassing the cache (after a 412). */
export function fetchCurrentCall(client: QueryClient, id: string): Promise<Call> {
  return client.fetchQuery({ ...callQuery(id), staleTime: 0 });
}

/**
 * Changes a call on top of the version the analyst saw: If-Match carries it,
 * so a change made meanwhile by someone else is refused (412), never
 * overwritten unseen. Every change of a call from the dashboard goes through here.
 */
export function patchCall(id: string, version: number, patch: CallPatch): Promise<Call> {
  return api(`/calls/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch, headers: { 'If-Match': etagOf(version) } }, Call);
}

export interface UpdateCallInput {
  /** The version the patch is based on. */
  version: number;
  patch: CallPatch;
}

export function useUpdateCall(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, patch }: UpdateCallInput) => patchCall(id, version, patch),
    onSuccess: (call) => {
      client.setQueryData(callKeys.detail(id), call);
      return invalidateAfterChange(client, 'call');
    },
  });
}

export function useDeleteCall(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api(`/calls/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'If-Match': etagOf(version) } }),
    onSuccess: () => {
      client.removeQueries({ queryKey: callKeys.detail(id) });
      return invalidateAfterChange(client, 'call');
    },
  });
}
