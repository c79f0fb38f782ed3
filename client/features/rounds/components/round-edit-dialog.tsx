import { useState, type ReactNode } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Dialog, stopSubmit } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { fromLocalInput, toLocalInput } from '#client/lib/format.ts';
import { notify } from '#client/lib/notices.ts';
import { hasChanges, useLeaveGuard } from '#client/lib/use-leave-guard.tsx';
import { RoundPatch, type Round } from '#shared/schemas/rounds.ts';
import { useUpdateRound } from '../api/rounds.ts';
import type { RoundOfficialPickerProps } from './round-form.tsx';

interface EditValues {
  title: string;
  trigger: string;
  triggerAt: string;
  initiatorId: string;
  initiatorName: string;
  notes: string;
}

const valuesOf = (round: Round): EditValues => ({
  title: round.title,
  trigger: round.trigger,
  triggerAt: round.triggerAt ? toLocalInput(Date.parse(round.triggerAt)) : '',
  initiatorId: round.initiatorId ?? '',
  initiatorName: round.initiator?.name ?? '',
  notes: round.notes ?? '',
});

/** What the analyst changed, as a patch checked with the shared schema; a time left alone keeps its seconds. */
export function roundPatch(round: Round, values: EditValues): { patch: RoundPatch; errors: FieldErrors } {
  const start = valuesOf(round);
  const patch: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  if (values.title !== start.title) patch.title = values.title;
  if (values.trigger !== start.trigger) patch.trigger = values.trigger;
  if (values.triggerAt !== start.triggerAt) {
    const at = values.triggerAt ? fromLocalInput(values.triggerAt) : null;
    if (values.triggerAt && !at) errors.triggerAt = 'Enter a date and time, or clear the field.';
    patch.triggerAt = at;
  }
  if (values.initiatorId !== start.initiatorId) patch.initiatorId = values.initiatorId || null;
  if (values.notes !== start.notes) patch.notes = values.notes.trim() ? values.notes : null;
  const parsed = RoundPatch.safeParse(patch);
  if (!parsed.success) for (const [field, message] of Object.entries(fieldErrors(parsed.error))) errors[field] ??= message;
  return { patch: parsed.success ? parsed.data : (patch as RoundPatch), errors };
}

export interface RoundEditDialogProps {
  open: boolean;
  round: Round;
  onClose: () => void;
  renderOfficialPicker: (props: RoundOfficialPickerProps) => ReactNode;
}

/** Edits a round's own fields on top of the version shown (If-Match), as a call is edited. */
export function RoundEditDialog({ open, round, onClose, renderOfficialPicker }: RoundEditDialogProps) {
  return (
    <Dialog open={open} title="Edit round" onClose={onClose}>
      {open ? <RoundEditForm key={round.version} round={round} onClose={onClose} renderOfficialPicker={renderOfficialPicker} /> : null}
    </Dialog>
  );
}

function RoundEditForm({ round, onClose, renderOfficialPicker }: Omit<RoundEditDialogProps, 'open'>) {
  const [values, setValues] = useState(() => valuesOf(round));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const guard = useLeaveGuard(hasChanges(values, valuesOf(round)));
  const update = useUpdateRound(round.id);
  const set = (patch: Partial<EditValues>) => setValues((v) => ({ ...v, ...patch }));

  const submit = async () => {
    setFormError(null);
    const { patch, errors: found } = roundPatch(round, values);
    setErrors(found);
    if (Object.keys(found).length) return;
    if (Object.keys(patch).length === 0) return onClose();
    try {
      const saved = await update.mutateAsync({ version: round.version, patch });
      guard.release();
      notify(`Round saved (version ${saved.version}).`, 'success');
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setFormError('Someone else changed this round after you opened it. Close this form to see their version, then edit again: nothing of theirs was overwritten.');
      } else if (error instanceof ApiError && error.problem.errors?.length) setErrors(fieldErrors(error));
      else setFormError(error instanceof Error ? error.message : 'Not saved.');
    }
  };

  return (
    <form className="dialog-form" onSubmit={stopSubmit(() => void submit())} noValidate>
      {formError ? <Alert title="Not saved">{formError}</Alert> : null}
      <Field label="Trigger" required error={errors.trigger}>
        {(control) => <input {...control} maxLength={500} value={values.trigger} onChange={(e) => set({ trigger: e.target.value })} />}
      </Field>
      <Field label="Title" required error={errors.title}>
        {(control) => <input {...control} maxLength={200} value={values.title} onChange={(e) => set({ title: e.target.value })} />}
      </Field>
      <Field label="When it happened" error={errors.triggerAt} hint="Your local time; empty: not known.">
        {(control) => <input {...control} type="datetime-local" value={values.triggerAt} onChange={(e) => set({ triggerAt: e.target.value })} />}
      </Field>
      <Field label="Who reached out" error={errors.initiatorId} hint="Changing it does not change the callers of the calls already logged.">
        {(control) =>
          renderOfficialPicker({
            ...control,
            name: 'initiator',
            value: values.initiatorId,
            label: values.initiatorName,
            onChange: (id, name) => set({ initiatorId: id, initiatorName: name }),
          })
        }
      </Field>
      <Field label="Notes" error={errors.notes}>
        {(control) => <textarea {...control} rows={3} value={values.notes} onChange={(e) => set({ notes: e.target.value })} />}
      </Field>
      <FormActions submitLabel="Save round" busy={update.isPending} onCancel={onClose}>
        <span className="muted small">Editing version {round.version}</span>
      </FormActions>
    </form>
  );
}
