import { useId, useState, type FormEvent } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Dialog } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { fieldErrors } from '#client/lib/field-errors.ts';
import { fromLocalInput, toLocalInput } from '#client/lib/format.ts';
import { nowMs } from '#client/lib/ticker.ts';
import { OUTCOME_MEANINGS, STATUS_LABELS, STATUS_TIME_LABELS } from '#shared/domain/call-labels.ts';
import { OUTCOMES, outcomePatch, outcomeTimeProblem, statusTimeField, type Outcome } from '#shared/domain/call-status.ts';
import type { Call, CallPatch, CallStatus } from '#shared/schemas/calls.ts';

/** The status time the dialog shows until the analyst changes it: what the server fills in. */
function defaultTime(call: Call, outcome: Outcome): string {
  return toLocalInput(outcome === 'answered' ? Date.parse(call.placedAt) : Date.now());
}

export interface StatusActionProps {
  call: Call;
  /** Saves through the page's guarded save; resolves false when a conflict view took over. */
  onSave: (patch: CallPatch) => Promise<boolean>;
}

/** "Record outcome" for an open call, "Reopen" for a settled one. */
export function CallStatusActions({ call, onSave }: StatusActionProps) {
  // Open for the status it was opened on: once the save changes the status, the
  // other dialog must not pop up in its place.
  const [openFor, setOpenFor] = useState<CallStatus | null>(null);
  const open = openFor === call.status;
  const setOpen = (value: boolean) => setOpenFor(value ? call.status : null);
  return (
    <>
      <Button variant={call.status === 'awaiting' ? 'primary' : 'secondary'} onClick={() => setOpen(true)}>
        {call.status === 'awaiting' ? 'Record outcome' : 'Reopen'}
      </Button>
      {call.status === 'awaiting' ? (
        <OutcomeDialog open={open} call={call} onClose={() => setOpen(false)} onSave={onSave} />
      ) : (
        <ReopenDialog open={open} call={call} onClose={() => setOpen(false)} onSave={onSave} />
      )}
    </>
  );
}

function OutcomeDialog({ open, call, onClose, onSave }: StatusActionProps & { open: boolean; onClose: () => void }) {
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome>('returned');
  const [time, setTime] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const shown = time ?? defaultTime(call, outcome);
  const timeField = statusTimeField(outcome)!;

  const close = () => {
    setTime(null);
    setErrors({});
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A time left as offered is the server's to fill in (to the second: the
    // input shows minutes), as the board does; an edited one is checked with
    // the server's own rule before it is sent.
    const iso = time === null ? undefined : fromLocalInput(time);
    if (iso === null) return setErrors({ [timeField]: 'Must be a date and time.' });
    const problem = iso === undefined ? null : outcomeTimeProblem(outcome, Date.parse(iso), Date.parse(call.placedAt), nowMs());
    if (problem) return setErrors(fieldErrors([problem]));
    setBusy(true);
    try {
      await onSave(outcomePatch(outcome, iso));
      close();
    } catch (error) {
      const byField = error instanceof ApiError ? fieldErrors(error) : {};
      const message = error instanceof Error ? error.message : 'The outcome was not saved.';
      setErrors(Object.keys(byField).length ? { ...byField, form: byField[timeField] || byField.status ? undefined : message } : { form: message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} title="Record the outcome" description={`${call.caller.name} → ${call.callee.name}: ${call.topic}`} onClose={close}>
      <form onSubmit={submit} noValidate className="dialog-form">
        {errors.form ? <Alert title="Not saved">{errors.form}</Alert> : null}
        <fieldset>
          <legend>Outcome</legend>
          <div className="outcome-options">
            {OUTCOMES.map((value) => (
              <label key={value} className="outcome-option">
                <input type="radio" name={`${id}-outcome`} value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
                <span>
                  <strong>{STATUS_LABELS[value]}</strong>
                  <span className="muted small"> — {OUTCOME_MEANINGS[value]}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.status ? <p className="field-error">{errors.status}</p> : null}
        </fieldset>
        <Field label={STATUS_TIME_LABELS[outcome]} error={errors[timeField]} hint="Your local time">
          {(control) => <input {...control} type="datetime-local" value={shown} onChange={(e) => setTime(e.target.value)} />}
        </Field>
        <FormActions submitLabel="Save outcome" busy={busy} onCancel={close} />
      </form>
    </Dialog>
  );
}

function ReopenDialog({ open, call, onClose, onSave }: StatusActionProps & { open: boolean; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reopen = async () => {
    setBusy(true);
    try {
      await onSave({ status: 'awaiting' });
      setError(null);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The call was not reopened.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmActionDialog
      open={open}
      title="Reopen this call?"
      description={`It goes back on the awaiting board and its ${STATUS_LABELS[call.status].toLowerCase()} time is cleared. Use this when the outcome was recorded by mistake.`}
      onClose={onClose}
      error={error}
      errorTitle="Not reopened"
      busy={busy}
      variant="primary"
      confirmLabel="Reopen the call"
      onConfirm={() => void reopen()}
    />
  );
}

export function DeleteCallDialog({ open, call, onClose, onDelete }: { open: boolean; call: Call; onClose: () => void; onDelete: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await onDelete();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The call was not deleted.');
      setBusy(false);
    }
  };
  return (
    <ConfirmActionDialog
      open={open}
      title="Delete this call?"
      description={`${call.caller.name} → ${call.callee.name}: ${call.topic}. Its history stays readable.`}
      onClose={onClose}
      error={error}
      errorTitle="Not deleted"
      busy={busy}
      variant="danger"
      confirmLabel="Delete the call"
      onConfirm={() => void remove()}
    />
  );
}

interface ConfirmActionDialogProps {
  open: boolean;
  title: string;
  description: string;
  onClose: () => void;
  /** Why the last attempt failed, shown above the buttons under errorTitle. */
  error: string | null;
  errorTitle: string;
  busy: boolean;
  variant: 'primary' | 'danger';
  confirmLabel: string;
  onConfirm: () => void;
}

/** Asks before changing a call: the action's button and a Cancel button, both waiting while it runs. */
function ConfirmActionDialog({ open, title, description, onClose, error, errorTitle, busy, variant, confirmLabel, onConfirm }: ConfirmActionDialogProps) {
  return (
    <Dialog open={open} title={title} description={description} onClose={onClose}>
      {error ? <Alert title={errorTitle}>{error}</Alert> : null}
      <div className="form-actions">
        <Button variant={variant} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
      </div>
    </Dialog>
  );
}
