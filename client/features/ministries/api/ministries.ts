import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import { Ministry, MinistryList, type MinistryCreate, type MinistryPatch } from '#shared/schemas/ministries.ts';

export interface MinistryFilters {
  q?: string;
  country?: string;
}

export const ministryKeys = {
  list: (filters: MinistryFilters) => ['ministries', 'list', 'pages', filters] as const,
  search: (q: string) => ['ministries', 'search', q] as const,
  options: ['ministries', 'options'] as const,
  detail: (id: string) => ['ministries', 'detail', id] as const,
};

export function ministriesListQuery(filters: MinistryFilters) {
  return infiniteQueryOptions({
    queryKey: ministryKeys.list(filters),
    queryFn: ({ signal, pageParam }) => api('/ministries', { signal, query: { ...filters, limit: 100, cursor: pageParam } }, MinistryList),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * Every ministry, for selects and filters. Foreign ministries number in the
 * low hundreds, so one page of the largest size holds them all.
 */
export const ministryOptionsQuery = queryOptions({
  queryKey: ministryKeys.options,
  queryFn: ({ signal }) => api('/ministries', { signal, query: { limit: 500 } }, MinistryList),
  staleTime: 60_000,
});

/** The first few matches for a picker as the analyst types. */
export function ministrySearchQuery(q: string) {
  return queryOptions({
    queryKey: ministryKeys.search(q),
    queryFn: ({ signal }) => api('/ministries', { signal, query: { q: q || undefined, limit: 12 } }, MinistryList),
    staleTime: 30_000,
  });
}

export function ministryQuery(id: string) {
  return queryOptions({
    queryKey: ministryKeys.detail(id),
    queryFn: ({ signal }) => api(`/ministries/${encodeURIComponent(id)}`, { signal }, Ministry),
  });
}

export function useCreateMinistry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MinistryCreate) => api('/ministries', { method: 'POST', json: body }, Ministry),
    onSuccess: (ministry) => {
      client.setQueryData(ministryKeys.detail(ministry.id), ministry);
      return invalidateAfterChange(client, 'ministry');
    },
  });
}

export function useUpdateMinistry(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: MinistryPatch) => api(`/ministries/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch }, Ministry),
    onSuccess: (ministry) => {
      client.setQueryData(ministryKeys.detail(id), ministry);
      return invalidateAfterChange(client, 'ministry');
    },
  });
}

export function useDeleteMinistry(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api(`/ministries/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      client.removeQueries({ queryKey: ministryKeys.detail(id) });
      return invalidateAfterChange(client, 'ministry');
    },
  });
}
