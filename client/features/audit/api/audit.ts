import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { AuditList, AuditVerification } from '#shared/schemas/audit.ts';

export interface AuditFilters {
  type?: string;
  actor?: string;
  from?: string;
  to?: string;
}

export function auditQuery(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: ['audit', 'list', filters] as const,
    queryFn: ({ signal, pageParam }) => api('/audit', { signal, query: { ...filters, limit: 100, cursor: pageParam } }, AuditList),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Checking the chain reads the whole log: only when asked. */
export const verifyQuery = queryOptions({
  queryKey: ['audit', 'verify'] as const,
  queryFn: ({ signal }) => api('/audit/verify', { signal }, AuditVerification),
  enabled: false,
  staleTime: 0,
});

/** The export's address with the same filters; a plain link, so the browser downloads it. */
export function auditExportUrl(filters: AuditFilters, format: 'csv' | 'json'): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `/api/audit/export?${params.toString()}`;
}
