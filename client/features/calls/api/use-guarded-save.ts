import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ApiError } from '#client/lib/api-client.ts';
import type { Call, CallPatch } from '#shared/schemas/calls.ts';
import { callKeys, fetchCurrentCall, useUpdateCall } from './calls.ts';

/** A save refused with 412: what the analyst started from, what they changed, and what the server holds now. */
export interface EditConflict {
  base: Call;
  mine: CallPatch;
  theirs: Call;
}

export type SaveOutcome = { kind: 'saved'; call: Call } | { kind: 'conflict' } | { kind: 'unchanged' };

/**
 * Saves a patch on top of the version the analyst saw (If-Match). When
 * someone else saved first (412), it loads the current call and keeps the
 * three versions as `conflict`, so the page can show the difference and let
 * the analyst re-apply on top of the new version — never overwriting unseen.
 * Other errors (422 field errors, 409 status moves) are thrown to the caller.
 */
export function useGuardedSave(callId: string) {
  const client = useQueryClient();
  const update = useUpdateCall(callId);
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const { mutateAsync } = update;

  const save = useCallback(
    async (base: Call, patch: CallPatch): Promise<SaveOutcome> => {
      if (Object.keys(patch).length === 0) return { kind: 'unchanged' };
      try {
        const call = await mutateAsync({ version: base.version, patch });
        setConflict(null);
        return { kind: 'saved', call };
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 412)) throw error;
        const theirs = await fetchCurrentCall(client, callId);
        // The timeline beside the conflict should show who made the other change.
        void client.invalidateQueries({ queryKey: callKeys.history(callId) });
        setConflict({ base, mine: patch, theirs });
        return { kind: 'conflict' };
      }
    },
    [client, callId, mutateAsync],
  );

  const discard = useCallback(() => setConflict(null), []);

  return { save, conflict, discard, isSaving: update.isPending, reset: update.reset };
}
