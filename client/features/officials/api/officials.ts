import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import { Official, OfficialContactList, OfficialList, type OfficialCreate, type OfficialPatch } from '#shared/schemas/officials.ts';

export interface OfficialFilters {
  q?: string;
  ministryId?: string;
}

export const officialKeys = {
  list: (filters: OfficialFilters) => ['officials', 'list', 'pages', filters] as const,
  search: (q: string, ministryId?: string) => ['officials', 'search', q, ministryId ?? null] as const,
  detail: (id: string) => ['officials', 'detail', id] as const,
  contacts: (id: string) => ['officials', 'contacts', id] as const,
};

export function officialsListQuery(filters: OfficialFilters) {
  return infiniteQueryOptions({
    queryKey: officialKeys.list(filters),
    queryFn: ({ signal, pageParam }) => api('/officials', { signal, query: { ...filters, limit: 100, cursor: pageParam } }, OfficialList),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The first few matches for a picker as the analyst types. */
export function officialSearchQuery(q: string, ministryId?: string) {
  return queryOptions({
    queryKey: officialKeys.search(q, ministryId),
    queryFn: ({ signal }) => api('/officials', { signal, query: { q: q || undefined, ministryId, limit: 12 } }, OfficialList),
    staleTime: 30_000,
  });
}

export function officialQuery(id: string) {
  return queryOptions({
    queryKey: officialKeys.detail(id),
    queryFn: ({ signal }) => api(`/officials/${encodeURIComponent(id)}`, { signal }, Official),
  });
}

export function officialContactsQuery(id: string) {
  return infiniteQueryOptions({
    queryKey: officialKeys.contacts(id),
    queryFn: ({ signal, pageParam }) => api(`/officials/${encodeURIComponent(id)}/contacts`, { signal, query: { limit: 100, cursor: pageParam } }, OfficialContactList),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateOfficial() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OfficialCreate) => api('/officials', { method: 'POST', json: body }, Official),
    onSuccess: (official) => {
      client.setQueryData(officialKeys.detail(official.id), official);
      return invalidateAfterChange(client, 'official');
    },
  });
}

export function useUpdateOfficial(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: OfficialPatch) => api(`/officials/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch }, Official),
    onSuccess: (official) => {
      client.setQueryData(officialKeys.detail(id), official);
      return invalidateAfterChange(client, 'official');
    },
  });
}

export function useDeleteOfficial(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api(`/officials/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      client.removeQueries({ queryKey: officialKeys.detail(id) });
      return invalidateAfterChange(client, 'official');
    },
  });
}
