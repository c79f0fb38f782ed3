import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { queryRoots } from '#client/lib/query-keys.ts';
import { AlertRule, AlertRuleList, type AlertRuleCreate, type AlertRulePatch } from '#shared/schemas/alerts.ts';

export const alertRulesQuery = queryOptions({
  queryKey: [...queryRoots.alerts, 'rules'] as const,
  queryFn: ({ signal }) => api('/alert-rules', { signal }, AlertRuleList),
});

export const useAlertRules = () => useQuery(alertRulesQuery);

export function useSaveAlertRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: AlertRuleCreate | AlertRulePatch }) =>
      id ? api(`/alert-rules/${encodeURIComponent(id)}`, { method: 'PATCH', json: body }, AlertRule) : api('/alert-rules', { method: 'POST', json: body }, AlertRule),
    onSuccess: () => client.invalidateQueries({ queryKey: alertRulesQuery.queryKey }),
  });
}

export function useDeleteAlertRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/alert-rules/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: alertRulesQuery.queryKey }),
  });
}
