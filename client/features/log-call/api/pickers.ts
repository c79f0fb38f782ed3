import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue } from 'react';
import { api } from '#client/lib/api-client.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import { Ministry, MinistryList, type MinistryCreate } from '#shared/schemas/ministries.ts';
import { Official, OfficialList, type OfficialCreate } from '#shared/schemas/officials.ts';

const SUGGESTIONS = 12;

/** Officials whose name or title contains the text, for the caller and callee pickers. */
export function useOfficialSearch(text: string) {
  const q = useDeferredValue(text.trim());
  return useQuery({
    queryKey: ['officials', 'search', q, null] as const,
    queryFn: ({ signal }) => api('/officials', { signal, query: { q: q || undefined, limit: SUGGESTIONS } }, OfficialList),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useMinistrySearch(text: string) {
  const q = useDeferredValue(text.trim());
  return useQuery({
    queryKey: ['ministries', 'search', q] as const,
    queryFn: ({ signal }) => api('/ministries', { signal, query: { q: q || undefined, limit: SUGGESTIONS } }, MinistryList),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useCreateOfficial() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OfficialCreate) => api('/officials', { method: 'POST', json: body }, Official),
    onSuccess: () => invalidateAfterChange(client, 'official'),
  });
}

export function useCreateMinistry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MinistryCreate) => api('/ministries', { method: 'POST', json: body }, Ministry),
    onSuccess: () => invalidateAfterChange(client, 'ministry'),
  });
}
