import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { etagOf } from '#client/features/calls/api/calls.ts';
import { api } from '#client/lib/api-client.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import { Round, RoundDetail, RoundList, type RoundCreate, type RoundPatch } from '#shared/schemas/rounds.ts';

// Every key starts with 'rounds', which a change to a round or to any call invalidates.
export const roundKeys = {
  list: (open: boolean) => ['rounds', 'list', { open }] as const,
  options: ['rounds', 'options'] as const,
  detail: (id: string) => ['rounds', 'detail', id] as const,
};

const PAGE_SIZE = 100;

export function roundsListQuery(open = false) {
  return infiniteQueryOptions({
    queryKey: roundKeys.list(open),
    queryFn: ({ signal, pageParam }) => api('/rounds', { signal, query: { open: open || undefined, limit: PAGE_SIZE, cursor: pageParam } }, RoundList),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The rounds for pickers, filters and the board's group headings: the latest 500 (rounds number in the dozens a year). */
export const roundOptionsQuery = queryOptions({
  queryKey: roundKeys.options,
  queryFn: ({ signal }) => api('/rounds', { signal, query: { limit: 500 } }, RoundList),
  staleTime: 60_000,
});

export function roundQuery(id: string) {
  return queryOptions({
    queryKey: roundKeys.detail(id),
    queryFn: ({ signal }) => api(`/rounds/${encodeURIComponent(id)}`, { signal }, RoundDetail),
  });
}

/** Logs a round, with its calls when it has any, in one request (one transaction on the server). */
export function useCreateRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundCreate) => api('/rounds', { method: 'POST', json: body }, Round),
    onSuccess: () => invalidateAfterChange(client, 'round'),
  });
}

/** Changes a round on top of the version the analyst saw (If-Match), as calls are changed: 412 when someone else saved first. */
export function useUpdateRound(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, patch }: { version: number; patch: RoundPatch }) =>
      api(`/rounds/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch, headers: { 'If-Match': etagOf(version) } }, Round),
    onSuccess: () => invalidateAfterChange(client, 'round'),
  });
}

/** Deletes a round; its calls stay, out of any round. */
export function useDeleteRound(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api(`/rounds/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { 'If-Match': etagOf(version) } }),
    onSuccess: () => {
      client.removeQueries({ queryKey: roundKeys.detail(id) });
      return invalidateAfterChange(client, 'round');
    },
  });
}
