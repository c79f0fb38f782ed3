import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '#client/lib/api-client.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import { Attempt, AttemptList, type AttemptCreate } from '#shared/schemas/rounds.ts';

export const attemptKeys = {
  list: (callId: string) => ['calls', 'attempts', callId] as const,
};

/** A call's further tries to reach the callee, oldest first (the first try is the call itself). */
export function attemptsQuery(callId: string) {
  return queryOptions({
    queryKey: attemptKeys.list(callId),
    queryFn: ({ signal }) => api(`/calls/${encodeURIComponent(callId)}/attempts`, { signal, query: { limit: 500 } }, AttemptList),
  });
}

/**
 * Records "tried again". The call gets a new version and attempt count; its
 * timer keeps running from placedAt, so nothing on screen restarts.
 */
export function useRecordAttempt() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ callId, body }: { callId: string; body: AttemptCreate }) => api(`/calls/${encodeURIComponent(callId)}/attempts`, { method: 'POST', json: body }, Attempt),
    onSuccess: () => invalidateAfterChange(client, 'call'),
  });
}
