import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { AttemptDialog } from '#client/components/ui/attempt-dialog.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { BackLink } from '#client/components/ui/back-link.tsx';
import { EditDeleteButtons } from '#client/components/ui/edit-delete-buttons.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { formatDateTime, ordinal } from '#client/lib/format.ts';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import { notify } from '#client/lib/notices.ts';
import type { Call, CallPatch } from '#shared/schemas/calls.ts';
import { useRecordAttempt } from '../api/attempts.ts';
import { callQuery, useDeleteCall } from '../api/calls.ts';
import { useGuardedSave, type SaveOutcome } from '../api/use-guarded-save.ts';
import { formValuesOf, type CallFormValues } from '../lib/edit-call-form.ts';
import { CallAttempts } from './call-attempts.tsx';
import { CallConflict } from './call-conflict.tsx';
import { CallDetails } from './call-details.tsx';
import { CallEditForm, type OfficialPickerProps, type RenderRoundSelect } from './call-edit-form.tsx';
import { CallHistory } from './call-history.tsx';
import { CallStatusActions, DeleteCallDialog } from './call-status-actions.tsx';
import { DeletedCall } from './deleted-call.tsx';

export interface CallViewProps {
  id: string;
  canEdit: boolean;
  renderOfficialPicker: (props: OfficialPickerProps) => ReactNode;
  /** The rounds feature's select, for the edit form. */
  renderRoundSelect?: RenderRoundSelect;
}

type Mode = { kind: 'view' } | { kind: 'edit'; base: Call; initial?: Partial<CallFormValues> };

/** One call: its details, its history, and the guarded edit, outcome and delete actions. */
export function CallView({ id, canEdit, renderOfficialPicker, renderRoundSelect }: CallViewProps) {
  const query = useQuery({ ...callQuery(id), refetchInterval: useLiveRefetchInterval() });
  const navigate = useNavigate();
  const guarded = useGuardedSave(id);
  const remove = useDeleteCall(id);
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [deleting, setDeleting] = useState(false);
  const [trying, setTrying] = useState(false);
  const attempt = useRecordAttempt();
  const [pickedNames, setPickedNames] = useState<Record<string, string>>({});
  const [conflictError, setConflictError] = useState<string | null>(null);

  if (query.isPending) return <Loading label="Loading the call…" />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <DeletedCall id={id} />;
    return (
      <>
        <PageHeader title="The call could not be loaded" />
        <Alert title={query.error.message}>
          <Link to="/calls">Back to all calls</Link>
        </Alert>
      </>
    );
  }

  const call = query.data;
  const afterSave = (outcome: SaveOutcome, what: string) => {
    if (outcome.kind === 'saved') {
      notify(`${what} (version ${outcome.call.version}).`, 'success');
      setMode({ kind: 'view' });
    } else if (outcome.kind === 'unchanged') {
      notify('Nothing changed.', 'info');
      setMode({ kind: 'view' });
    }
    return outcome.kind !== 'conflict';
  };

  const saveEdit = async (base: Call, patch: CallPatch, names: Record<string, string>) => {
    setPickedNames((current) => ({ ...current, ...names }));
    afterSave(await guarded.save(base, patch), 'Call saved');
  };

  const saveStatus = async (patch: CallPatch) => afterSave(await guarded.save(call, patch), patch.status === 'awaiting' ? 'Call reopened' : 'Outcome recorded');

  const reapply = async (patch: CallPatch) => {
    if (!guarded.conflict) return;
    setConflictError(null);
    try {
      afterSave(await guarded.save(guarded.conflict.theirs, patch), 'Your changes were re-applied');
    } catch (error) {
      setConflictError(error instanceof Error ? error.message : 'Your changes could not be saved.');
    }
  };

  const deleteCall = async () => {
    try {
      await remove.mutateAsync(call.version);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        void query.refetch();
        throw new Error('Someone else changed this call a moment ago. Look at the current version before deleting it.', { cause: error });
      }
      throw error;
    }
    notify('Call deleted. Its history remains.', 'success');
    void navigate('/calls');
  };

  const conflict = guarded.conflict;
  return (
    <>
      <PageHeader
        title={call.topic}
        subtitle={
          <>
            {call.caller.name} → {call.callee.name} · placed <time dateTime={call.placedAt}>{formatDateTime(call.placedAt)}</time>
          </>
        }
        actions={
          canEdit && mode.kind === 'view' && !conflict ? (
            <>
              <CallStatusActions call={call} onSave={saveStatus} />
              {call.status === 'awaiting' ? <Button onClick={() => setTrying(true)}>Tried again</Button> : null}
              <EditDeleteButtons onEdit={() => setMode({ kind: 'edit', base: call })} onDelete={() => setDeleting(true)} />
            </>
          ) : undefined
        }
      />
      <BackLink to="/calls">All calls</BackLink>
      {conflict ? (
        <>
          {conflictError ? <Alert title="Not saved">{conflictError}</Alert> : null}
          <CallConflict
            key={conflict.theirs.version}
            conflict={conflict}
            names={pickedNames}
            busy={guarded.isSaving}
            onReapply={(patch) => void reapply(patch)}
            onEditAgain={(patch) => {
              guarded.discard();
              setConflictError(null);
              setMode({ kind: 'edit', base: conflict.theirs, initial: formValuesOf({ ...conflict.theirs, ...patch } as Call) });
            }}
            onDiscard={() => {
              guarded.discard();
              setConflictError(null);
              setMode({ kind: 'view' });
              notify('Your changes were discarded; showing the current version.', 'info');
            }}
          />
        </>
      ) : mode.kind === 'edit' ? (
        <CallEditForm
          key={mode.base.version}
          base={mode.base}
          initial={mode.initial}
          initialNames={pickedNames}
          newerVersion={call.version}
          renderOfficialPicker={renderOfficialPicker}
          renderRoundSelect={renderRoundSelect}
          onSubmit={(patch, names) => saveEdit(mode.base, patch, names)}
          onCancel={() => setMode({ kind: 'view' })}
        />
      ) : null}
      <div className="call-layout">
        <CallDetails call={call} />
        <section className="card call-history" aria-labelledby="history-title">
          <h2 id="history-title" className="card-title">
            History
          </h2>
          <CallAttempts call={call} />
          <CallHistory callId={id} />
        </section>
      </div>
      {canEdit ? <DeleteCallDialog open={deleting} call={call} onClose={() => setDeleting(false)} onDelete={deleteCall} /> : null}
      {canEdit ? (
        <AttemptDialog
          call={trying ? call : null}
          description={
            <>
              Another try to reach <strong>{call.callee.name}</strong>; the wait keeps running from the first, {formatDateTime(call.placedAt)}.
            </>
          }
          onClose={() => setTrying(false)}
          onSubmit={async (body) => {
            await attempt.mutateAsync({ callId: call.id, body });
            notify(`Recorded: the ${ordinal(call.attempts + 1)} attempt to reach ${call.callee.name}.`, 'success');
            setTrying(false);
          }}
        />
      ) : null}
    </>
  );
}
