import { useId, useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Dialog, stopSubmit } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { knownTimeZones } from '#client/lib/time-zones.ts';
import { OfficialCreate, type Official } from '#shared/schemas/officials.ts';
import { useCreateOfficial } from '../api/pickers.ts';
import { MinistryPicker, type PickedMinistry } from './ministry-picker.tsx';

export interface NewOfficialDialogProps {
  open: boolean;
  initialName: string;
  onClose: () => void;
  onCreated: (official: Official) => void;
}

/** Adds an official (and, inside it, a ministry) without leaving the call form. */
export function NewOfficialDialog({ open, initialName, onClose, onCreated }: NewOfficialDialogProps) {
  return (
    <Dialog open={open} title="New official" onClose={onClose} description="They will be available to every analyst.">
      {open ? <NewOfficialForm initialName={initialName} onClose={onClose} onCreated={onCreated} /> : null}
    </Dialog>
  );
}

function NewOfficialForm({ initialName, onClose, onCreated }: Omit<NewOfficialDialogProps, 'open'>) {
  const [values, setValues] = useState({ name: initialName, title: '', timeZone: '' });
  const [ministry, setMinistry] = useState<PickedMinistry | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateOfficial();
  const zonesId = useId();
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));

  const submit = () => {
    const parsed = OfficialCreate.safeParse({ ...values, timeZone: values.timeZone.trim(), ministryId: ministry?.id ?? '' });
    if (!parsed.success || !ministry) {
      const found = parsed.success ? {} : fieldErrors(parsed.error);
      if (!ministry) found.ministryId = 'Choose the ministry, or add it.';
      return setErrors(found);
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: onCreated,
      onError: (error) => error instanceof ApiError && setErrors(fieldErrors(error)),
    });
  };

  const failed = create.error;
  const general = failed && !(failed instanceof ApiError && failed.problem.errors?.length) ? failed.message : null;
  return (
    <form className="dialog-form" onSubmit={stopSubmit(submit)} noValidate>
      {general ? <Alert>{general}</Alert> : null}
      <Field label="Name" required error={errors.name}>
        {(control) => <input {...control} autoFocus value={values.name} onChange={set('name')} />}
      </Field>
      <Field label="Title" required error={errors.title} hint="e.g. Minister of Foreign Affairs">
        {(control) => <input {...control} value={values.title} onChange={set('title')} />}
      </Field>
      <MinistryPicker value={ministry} onChange={setMinistry} error={errors.ministryId} />
      <Field label="Time zone" required error={errors.timeZone} hint="Where they work, as an IANA zone, e.g. Europe/Moscow: the board shows their local time.">
        {(control) => <input {...control} list={zonesId} autoComplete="off" spellCheck={false} value={values.timeZone} onChange={set('timeZone')} />}
      </Field>
      <datalist id={zonesId}>
        {knownTimeZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Add official
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
