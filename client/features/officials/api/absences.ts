import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import { Absence, AbsenceList, type AbsenceCreate, type AbsencePatch } from '#shared/schemas/availability.ts';

const base = (officialId: string) => `/officials/${encodeURIComponent(officialId)}/absences`;

export function absencesQuery(officialId: string) {
  return infiniteQueryOptions({
    queryKey: ['officials', 'absences', officialId] as const,
    queryFn: ({ signal, pageParam }) => api(base(officialId), { signal, query: { limit: 100, cursor: pageParam } }, AbsenceList),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useSaveAbsence(officialId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: AbsenceCreate | AbsencePatch }) =>
      id
        ? api(`${base(officialId)}/${encodeURIComponent(id)}`, { method: 'PATCH', json: body }, Absence)
        : api(base(officialId), { method: 'POST', json: body }, Absence),
    onSuccess: () => invalidateAfterChange(client, 'absence'),
  });
}

export function useDeleteAbsence(officialId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`${base(officialId)}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => invalidateAfterChange(client, 'absence'),
  });
}
