import { useState, type ReactNode } from 'react';
import { ApiError } from '#client/lib/api-client.ts';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { fromLocalInput, toLocalInput } from '#client/lib/format.ts';
import { nowMs } from '#client/lib/ticker.ts';
import { viewerTimeZone } from '#client/lib/time-zones.ts';
import { MAX_FUTURE_SKEW_MS, isBeyondFutureSkew } from '#shared/domain/call-status.ts';
import type { Channel } from '#shared/schemas/calls.ts';
import { AttemptCreate } from '#shared/schemas/rounds.ts';
import { Alert } from './alert.tsx';
import { ChannelSelect } from './channel-select.tsx';
import { Dialog, stopSubmit } from './dialog.tsx';
import { Field } from './field.tsx';
import { FormActions } from './form-actions.tsx';

/** The call an attempt is for: when it was first tried, how, and (for the dialog's line) who. */
export interface AttemptTarget {
  id: string;
  placedAt: string;
  channel: Channel;
}

export interface AttemptDialogProps {
  call: AttemptTarget | null;
  /** The line under the title: who is being tried again, and how long they have been waited for. */
  description?: ReactNode;
  onClose: () => void;
  /** Records the attempt; throws ApiError for the form to show beside its fields. */
  onSubmit: (body: AttemptCreate) => Promise<void>;
}

/**
 * "Tried again": another attempt to reach the callee, at a time that defaults
 * to now, by a channel, with a note. The wait keeps running from the first try.
 */
export function AttemptDialog({ call, description, onClose, onSubmit }: AttemptDialogProps) {
  return (
    <Dialog open={call !== null} title="Tried again" onClose={onClose} description={description}>
      {call ? <AttemptForm key={call.id} call={call} onClose={onClose} onSubmit={onSubmit} /> : null}
    </Dialog>
  );
}

/** The body for the form's values, or what is wrong with them (the server's own rules: not before the first try, not in the future). */
export function attemptBody(values: { at: string; touched: boolean; channel: Channel; notes: string }, placedAt: string, now: number): { body: AttemptCreate; errors: FieldErrors } {
  const errors: FieldErrors = {};
  // Left alone, the time is this very moment (to the second), not the minute the input shows.
  const at = values.touched ? fromLocalInput(values.at) : new Date(now).toISOString();
  if (!at) errors.at = 'Enter when you tried again.';
  else if (Date.parse(at) < Date.parse(placedAt)) errors.at = 'Must not be before the call was first placed.';
  else if (isBeyondFutureSkew(Date.parse(at), now)) errors.at = 'Must not be in the future.';
  const body: AttemptCreate = { at: at ?? '', channel: values.channel };
  if (values.notes.trim()) body.notes = values.notes;
  const parsed = AttemptCreate.safeParse(body);
  if (!parsed.success) for (const [field, message] of Object.entries(fieldErrors(parsed.error))) errors[field] ??= message;
  return { body, errors };
}

function AttemptForm({ call, onClose, onSubmit }: { call: AttemptTarget; onClose: () => void; onSubmit: AttemptDialogProps['onSubmit'] }) {
  const [openedAt] = useState(() => Date.now());
  const [values, setValues] = useState({ at: toLocalInput(openedAt), touched: false, channel: call.channel, notes: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    setFormError(null);
    const { body, errors: found } = attemptBody(values, call.placedAt, nowMs());
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await onSubmit(body);
    } catch (error) {
      const byField = error instanceof ApiError ? fieldErrors(error) : {};
      setErrors(byField);
      if (!Object.keys(byField).length) setFormError(error instanceof Error ? error.message : 'The attempt was not recorded.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="dialog-form" onSubmit={stopSubmit(() => void submit())} noValidate>
      {formError ? <Alert title="Not recorded">{formError}</Alert> : null}
      <Field label="When" required error={errors.at} hint={values.touched ? `Your local time (${viewerTimeZone()}).` : 'Now, unless you change it.'}>
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            name="at"
            value={values.at}
            max={toLocalInput(openedAt + MAX_FUTURE_SKEW_MS)}
            onChange={(event) => setValues((v) => ({ ...v, at: event.target.value, touched: true }))}
          />
        )}
      </Field>
      <Field label="Channel" required error={errors.channel}>
        {(control) => <ChannelSelect control={control} name="channel" value={values.channel} onChange={(channel) => setValues((v) => ({ ...v, channel }))} />}
      </Field>
      <Field label="Note" error={errors.notes} hint="Optional: “left a message with his office”.">
        {(control) => <textarea {...control} name="notes" rows={3} value={values.notes} onChange={(event) => setValues((v) => ({ ...v, notes: event.target.value }))} />}
      </Field>
      <p className="muted small">The wait keeps running from the first try.</p>
      <FormActions submitLabel="Record attempt" busy={busy} onCancel={onClose} />
    </form>
  );
}
