import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { queryRoots } from '#client/lib/query-keys.ts';
import { Delivery, DeliveryList, Webhook, type WebhookCreate, WebhookCreated, WebhookList, type WebhookPatch } from '#shared/schemas/webhooks.ts';

export const webhookKeys = {
  list: [...queryRoots.webhooks, 'list'] as const,
  detail: (id: string) => [...queryRoots.webhooks, 'detail', id] as const,
  deliveries: (id: string) => [...queryRoots.webhooks, 'deliveries', id] as const,
};

/** Deliveries change on their own (the server's worker), so an open page looks again now and then. */
const REFRESH_MS = 10_000;
const SOON_MS = 1_000;

export const webhooksQuery = infiniteQueryOptions({
  queryKey: webhookKeys.list,
  queryFn: ({ signal, pageParam }) => api('/webhooks', { signal, query: { limit: 100, cursor: pageParam } }, WebhookList),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
  refetchInterval: REFRESH_MS,
});

export const webhookQuery = (id: string) =>
  queryOptions({ queryKey: webhookKeys.detail(id), queryFn: ({ signal }) => api(`/webhooks/${encodeURIComponent(id)}`, { signal }, Webhook), refetchInterval: REFRESH_MS });

export const deliveriesQuery = (id: string) =>
  infiniteQueryOptions({
    queryKey: webhookKeys.deliveries(id),
    queryFn: ({ signal, pageParam }) => api(`/webhooks/${encodeURIComponent(id)}/deliveries`, { signal, query: { limit: 25, cursor: pageParam } }, DeliveryList),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A try due in the next few seconds (a test just sent, a resend) is shown as soon as it is made.
    refetchInterval: (query) => {
      const soon = Date.now() + REFRESH_MS;
      const due = query.state.data?.pages.some((page) => page.items.some((d) => d.state === 'pending' && d.nextAttemptAt !== null && Date.parse(d.nextAttemptAt) < soon));
      return due ? SOON_MS : REFRESH_MS;
    },
  });

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryRoots.webhooks });
}

export function useCreateWebhook() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: WebhookCreate) => api('/webhooks', { method: 'POST', json: body }, WebhookCreated), onSuccess: refresh });
}

export function usePatchWebhook() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: WebhookPatch }) => api(`/webhooks/${encodeURIComponent(id)}`, { method: 'PATCH', json: patch }, Webhook),
    onSuccess: refresh,
  });
}

export function useDeleteWebhook() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api(`/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' }), onSuccess: refresh });
}

export function useSendTest() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api(`/webhooks/${encodeURIComponent(id)}/test`, { method: 'POST' }, Delivery), onSuccess: refresh });
}

export function useResendDelivery() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      api(`/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/resend`, { method: 'POST' }, Delivery),
    onSuccess: refresh,
  });
}
