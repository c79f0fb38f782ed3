import { useMutation, useQueryClient } from '@tanstack/react-query';
import { patchCall } from '#client/features/calls/api/calls.ts';
import { ApiError } from '#client/lib/api-client.ts';
import { notify } from '#client/lib/notices.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import { queryRoots } from '#client/lib/query-keys.ts';
import { outcomePatch, type Outcome } from '#shared/domain/call-status.ts';
import type { AwaitingCall, Call } from '#shared/schemas/calls.ts';
import type { AwaitingData } from './awaiting.ts';
import { applyCallChange, removeFromBoard } from './awaiting-cache.ts';

export interface RecordOutcome {
  call: AwaitingCall;
  status: Outcome;
  /** When it happened (ISO); omitted, the server takes now (answered: the time the call was placed). */
  at?: string;
}

/** Why an Undo did not reopen the call. */
export function undoErrorMessage(error: unknown, callee: string): string {
  if (error instanceof ApiError && error.status === 412)
    return `Not undone: someone else changed the call to ${callee} after your outcome was recorded. Open the call to see it as it is now.`;
  if (error instanceof ApiError && error.status === 404) return `Not undone: the call to ${callee} was deleted by someone else.`;
  return `Not undone: ${error instanceof ApiError ? error.problem.detail || error.message : 'the server did not answer'}. The outcome for ${callee} stands.`;
}

/**
 * Undoes an outcome from its confirmation: reopens the call on top of the
 * version the outcome produced (If-Match), so a change made since by someone
 * else is never overwritten (412, explained).
 */
export function useUndoOutcome() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (saved: Call) => patchCall(saved.id, saved.version, { status: 'awaiting' }),
    onError: (error, saved) => notify(undoErrorMessage(error, saved.callee.name), 'error'),
    onSuccess: (reopened) => notify(`Undone: the call to ${reopened.callee.name} is awaiting a reply again.`, 'success'),
    onSettled: () => invalidateAfterChange(client, 'call'),
  });
}

export function outcomeErrorMessage(error: unknown, callee: string): string {
  if (error instanceof ApiError) {
    if (error.status === 412) return `Someone else changed the call to ${callee} meanwhile. The board now shows it as it is; record the outcome again if it still applies.`;
    if (error.status === 404) return `The call to ${callee} was deleted by someone else.`;
    if (error.status === 403) return 'Your role may view calls but not change them.';
    const field = error.problem.errors?.[0];
    return `Could not record the outcome for ${callee}: ${field ? `${field.path} ${field.message}` : error.problem.detail || error.message}`;
  }
  return `Could not record the outcome for ${callee}: the server did not answer. Nothing was changed.`;
}

/**
 * Records a reply or withdrawal from the board. The row leaves the board at
 * once (optimistic) and comes back, with a message, if the server refuses
 * (a change made meanwhile by someone else among the reasons: see patchCall).
 */
export function useRecordOutcome() {
  const client = useQueryClient();
  const undo = useUndoOutcome();
  return useMutation({
    mutationFn: ({ call, status, at }: RecordOutcome) => patchCall(call.id, call.version, outcomePatch(status, at)),
    onMutate: async ({ call }) => {
      await client.cancelQueries({ queryKey: queryRoots.awaiting });
      const before = client.getQueriesData<AwaitingData>({ queryKey: queryRoots.awaiting });
      removeFromBoard(client, call.id);
      return { before };
    },
    onError: (error, { call }, context) => {
      for (const [key, data] of context?.before ?? []) client.setQueryData(key, data);
      notify(outcomeErrorMessage(error, call.callee.name), 'error');
      // Someone else changed or deleted it: show the call as it now is.
      if (error instanceof ApiError && (error.status === 412 || error.status === 404 || error.status === 409)) void applyCallChange(client, 'call.updated', call.id);
    },
    onSuccess: (saved) => {
      notify(`Recorded: ${saved.callee.name} ${saved.status === 'withdrawn' ? '— call withdrawn' : saved.status}.`, 'success', {
        label: 'Undo',
        run: () => undo.mutate(saved),
      });
    },
    // The board itself is already right (or put right above); lists and figures elsewhere are not.
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: queryRoots.calls }), client.invalidateQueries({ queryKey: queryRoots.stats })]),
  });
}
