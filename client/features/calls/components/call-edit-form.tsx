import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { ChannelSelect } from '#client/components/ui/channel-select.tsx';
import { Field } from '#client/components/ui/field.tsx';
import type { FieldControl } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { hasChanges, useLeaveGuard } from '#client/lib/use-leave-guard.tsx';
import { statusTimeField } from '#shared/domain/call-status.ts';
import type { Call, CallPatch } from '#shared/schemas/calls.ts';
import { formValuesOf, patchFromForm, type CallFormValues } from '../lib/edit-call-form.ts';

/** What a picker of officials receives: the Field's ids and the chosen official. */
export interface OfficialPickerProps extends FieldControl {
  value: string;
  label: string;
  onChange: (id: string, label: string) => void;
}

export interface CallEditFormProps {
  /** The version being edited: the patch is computed against it and sent with its ETag. */
  base: Call;
  /** Values to start from instead of the base's (editing again after a conflict). */
  initial?: Partial<CallFormValues>;
  /** Saves the patch; throws ApiError for the form to show (422 beside the fields). */
  onSubmit: (patch: CallPatch, names: Record<string, string>) => Promise<void>;
  onCancel: () => void;
  /** The officials feature's picker, composed in by the page. */
  renderOfficialPicker: (props: OfficialPickerProps) => ReactNode;
  /** Names of officials the initial values mention beyond the base's caller and callee. */
  initialNames?: Record<string, string>;
  /** The server holds a newer version than the one being edited (another analyst saved). */
  newerVersion?: number;
  /** The rounds feature's select, composed in by the page. */
  renderRoundSelect?: RenderRoundSelect;
}

export type RenderRoundSelect = (props: FieldControl & { value: string; onChange: (roundId: string) => void; emptyLabel: string }) => ReactNode;

export function CallEditForm({ base, initial, initialNames, onSubmit, onCancel, renderOfficialPicker, newerVersion, renderRoundSelect }: CallEditFormProps) {
  const [values, setValues] = useState<CallFormValues>(() => ({ ...formValuesOf(base), ...initial }));
  const [names, setNames] = useState<Record<string, string>>(() => ({ ...initialNames, [base.caller.id]: base.caller.name, [base.callee.id]: base.callee.name }));
  const [errors, setErrors] = useState<FieldErrors>({});
  useLeaveGuard(hasChanges(values, formValuesOf(base)));
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const extra = statusTimeField(base.status);

  const set = <K extends keyof CallFormValues>(field: K, value: CallFormValues[K]) => setValues((current) => ({ ...current, [field]: value }));

  const showErrors = (next: FieldErrors) => {
    setErrors(next);
    // Take the analyst to the first field that needs them.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const result = patchFromForm(base, values);
    if (!result.ok) return showErrors(result.errors);
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(result.patch, names);
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length) {
        const byField = fieldErrors(error);
        showErrors(byField);
        const unplaced = Object.keys(byField).filter((field) => !(field in values));
        if (unplaced.length) setFormError(error.message);
      } else {
        setFormError(error instanceof Error ? error.message : 'The call could not be saved.');
      }
    } finally {
      setBusy(false);
    }
  };

  const pickerField = (field: 'callerId' | 'calleeId', label: string) => (
    <Field label={label} required error={errors[field]}>
      {(control) =>
        renderOfficialPicker({
          ...control,
          value: values[field],
          label: names[values[field]] ?? '',
          onChange: (id, name) => {
            set(field, id);
            setNames((current) => ({ ...current, [id]: name }));
          },
        })
      }
    </Field>
  );

  return (
    <form ref={formRef} className="card call-edit-form" onSubmit={submit} noValidate aria-labelledby="call-edit-title">
      <h2 id="call-edit-title">Edit call</h2>
      {newerVersion !== undefined && newerVersion > base.version ? (
        <Alert tone="warning" title="Someone else has changed this call since you opened the form">
          Saving will show you what they changed before anything is overwritten.
        </Alert>
      ) : null}
      {formError ? <Alert title="The call was not saved">{formError}</Alert> : null}
      <div className="form-grid">
        {pickerField('callerId', 'Caller')}
        {pickerField('calleeId', 'Callee')}
        <Field label="Placed at" required error={errors.placedAt} hint="Your local time">
          {(control) => <input {...control} type="datetime-local" value={values.placedAt} onChange={(e) => set('placedAt', e.target.value)} />}
        </Field>
        <Field label="Channel" required error={errors.channel}>
          {(control) => <ChannelSelect control={control} value={values.channel} onChange={(channel) => set('channel', channel)} />}
        </Field>
        {extra ? (
          <Field label={extra === 'respondedAt' ? 'Responded at' : 'Withdrawn at'} required error={errors[extra]} hint="Your local time">
            {(control) => <input {...control} type="datetime-local" value={values[extra]} onChange={(e) => set(extra, e.target.value)} />}
          </Field>
        ) : null}
        <Field label="Callback promised by" error={errors.promisedBy} hint="Your local time; may lie ahead (“he will call back by Friday”). Empty: no promise">
          {(control) => <input {...control} type="datetime-local" value={values.promisedBy} onChange={(e) => set('promisedBy', e.target.value)} />}
        </Field>
        <Field label="Acknowledged by an aide at" error={errors.acknowledgedAt} hint="Your local time; the call stays awaiting. Empty: not acknowledged">
          {(control) => <input {...control} type="datetime-local" value={values.acknowledgedAt} onChange={(e) => set('acknowledgedAt', e.target.value)} />}
        </Field>
        {renderRoundSelect ? (
          <Field label="Round" error={errors.roundId} className="span-2" hint="The outreach round this call was part of, if any">
            {(control) => renderRoundSelect({ ...control, value: values.roundId, onChange: (roundId) => set('roundId', roundId), emptyLabel: 'No round' })}
          </Field>
        ) : null}
        <Field label="Topic" required error={errors.topic} className="span-2">
          {(control) => <input {...control} value={values.topic} maxLength={600} onChange={(e) => set('topic', e.target.value)} />}
        </Field>
        <Field label="Source" error={errors.source} hint="A readout, a briefing, or a press report's URL" className="span-2">
          {(control) => <input {...control} value={values.source} onChange={(e) => set('source', e.target.value)} />}
        </Field>
        <Field label="Notes" error={errors.notes} className="span-2">
          {(control) => <textarea {...control} rows={4} value={values.notes} onChange={(e) => set('notes', e.target.value)} />}
        </Field>
      </div>
      <FormActions submitLabel="Save changes" busy={busy} onCancel={onCancel}>
        <span className="muted small">Editing version {base.version}</span>
      </FormActions>
    </form>
  );
}
