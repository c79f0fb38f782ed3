import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Dialog, stopSubmit } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { countryOptions } from '#client/lib/country.ts';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { MinistryCreate, type Ministry } from '#shared/schemas/ministries.ts';
import { useCreateMinistry } from '../api/pickers.ts';

export interface NewMinistryDialogProps {
  open: boolean;
  initialName: string;
  onClose: () => void;
  onCreated: (ministry: Ministry) => void;
}

/** Adds a ministry without leaving the form that needed it. */
export function NewMinistryDialog({ open, initialName, onClose, onCreated }: NewMinistryDialogProps) {
  return (
    <Dialog open={open} title="New ministry" onClose={onClose}>
      {open ? <NewMinistryForm initialName={initialName} onClose={onClose} onCreated={onCreated} /> : null}
    </Dialog>
  );
}

function NewMinistryForm({ initialName, onClose, onCreated }: Omit<NewMinistryDialogProps, 'open'>) {
  const [values, setValues] = useState({ name: initialName, shortName: '', country: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateMinistry();
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));

  const submit = () => {
    const parsed = MinistryCreate.safeParse(values);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: onCreated,
      onError: (error) => error instanceof ApiError && setErrors(fieldErrors(error)),
    });
  };

  const general = create.error instanceof ApiError && !create.error.problem.errors?.length ? create.error.message : create.error && !(create.error instanceof ApiError) ? create.error.message : null;
  return (
    <form className="dialog-form" onSubmit={stopSubmit(submit)} noValidate>
      {general ? <Alert>{general}</Alert> : null}
      <Field label="Name" required error={errors.name} hint="In full, e.g. Ministry of Foreign Affairs of the Russian Federation">
        {(control) => <input {...control} autoFocus value={values.name} onChange={set('name')} />}
      </Field>
      <Field label="Short name" required error={errors.shortName} hint="As it appears on the board, e.g. MFA Russia">
        {(control) => <input {...control} value={values.shortName} onChange={set('shortName')} />}
      </Field>
      <Field label="Country" required error={errors.country}>
        {(control) => (
          <select {...control} value={values.country} onChange={set('country')}>
            <option value="">Choose…</option>
            {countryOptions().map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Add ministry
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </form>
  );
}
