import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api } from '#client/lib/api-client.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import { randomId } from '#client/lib/random-id.ts';
import { Call, type CallCreate } from '#shared/schemas/calls.ts';

/**
 * Logs a call with an Idempotency-Key. The key belongs to the body being
 * sent: a double click or a retry after a lost answer re-sends the same key,
 * so the server stores the call once; a changed form gets a new key.
 */
export function useCreateCall() {
  const client = useQueryClient();
  const draft = useRef<{ body: string; key: string } | null>(null);
  const mutation = useMutation({
    mutationFn: ({ body, key }: { body: CallCreate; key: string }) =>
      api('/calls', { method: 'POST', json: body, headers: { 'Idempotency-Key': key } }, Call),
    onSuccess: () => {
      draft.current = null;
      return invalidateAfterChange(client, 'call');
    },
  });
  const submit = (body: CallCreate, options?: Parameters<typeof mutation.mutate>[1]) => {
    const serialized = JSON.stringify(body);
    if (draft.current?.body !== serialized) draft.current = { body: serialized, key: randomId() };
    mutation.mutate({ body, key: draft.current.key }, options);
  };
  return { ...mutation, submit };
}
