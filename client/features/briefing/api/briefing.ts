import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { queryRoots } from '#client/lib/query-keys.ts';
import { Briefing } from '#shared/schemas/briefing.ts';

export const briefingQuery = queryOptions({
  queryKey: [...queryRoots.briefing] as const,
  queryFn: ({ signal }) => api('/briefing', { signal }, Briefing),
});

/** The briefing, refreshed by every change of a call (the event stream) and each minute, as waits grow. */
export const useBriefing = () => useQuery({ ...briefingQuery, refetchInterval: 60_000 });
