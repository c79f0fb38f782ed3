import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import { queryRoots } from '#client/lib/query-keys.ts';
import { Notification, NotificationList, ReadAllResult } from '#shared/schemas/alerts.ts';

/** The newest notifications (the panel shows these) and the unread count. */
export const notificationsQuery = queryOptions({
  queryKey: [...queryRoots.alerts, 'notifications'] as const,
  queryFn: ({ signal }) => api('/notifications', { signal, query: { limit: 30 } }, NotificationList),
});

/** Live: the event stream invalidates it on `notification.created`; while the stream is down it polls. */
export function useNotifications() {
  return useQuery({ ...notificationsQuery, refetchInterval: useLiveRefetchInterval() });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' }, Notification),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsQuery.queryKey }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api('/notifications/read-all', { method: 'POST' }, ReadAllResult),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsQuery.queryKey }),
  });
}
