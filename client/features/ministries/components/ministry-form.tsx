import { useId, useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Dialog } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { allCountries } from '#client/lib/country.ts';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { hasChanges } from '#client/lib/use-leave-guard.tsx';
import { useSaveForm } from '#client/lib/use-save-form.ts';
import { countryName } from '#shared/schemas/common.ts';
import { MinistryCreate, MinistryPatch, type Ministry } from '#shared/schemas/ministries.ts';
import { useCreateMinistry, useUpdateMinistry } from '../api/ministries.ts';

interface Values {
  name: string;
  shortName: string;
  country: string;
}

export type MinistryFormResult = { ok: true; body: MinistryCreate | MinistryPatch } | { ok: false; errors: FieldErrors };

/** The form's values checked with the shared schema; when editing, only the fields that changed. */
export function ministryBodyFromForm(values: Values, existing?: Ministry): MinistryFormResult {
  const candidate = { name: values.name, shortName: values.shortName, country: values.country.trim().toUpperCase() };
  const parsed = MinistryCreate.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  if (!existing) return { ok: true, body: parsed.data };
  const patch: MinistryPatch = {};
  if (parsed.data.name !== existing.name) patch.name = parsed.data.name;
  if (parsed.data.shortName !== existing.shortName) patch.shortName = parsed.data.shortName;
  if (parsed.data.country !== existing.country) patch.country = parsed.data.country;
  return { ok: true, body: MinistryPatch.parse(patch) };
}

export interface MinistryFormDialogProps {
  open: boolean;
  onClose: () => void;
  /** The ministry to edit; absent to create one. */
  ministry?: Ministry;
  /** A new ministry's name to start from (what the analyst typed in a picker). */
  initialName?: string;
  onSaved?: (ministry: Ministry) => void;
}

export function MinistryFormDialog({ open, onClose, ministry, initialName, onSaved }: MinistryFormDialogProps) {
  return (
    <Dialog open={open} title={ministry ? `Edit ${ministry.shortName}` : 'New ministry'} onClose={onClose}>
      {open ? <MinistryForm ministry={ministry} initialName={initialName} onCancel={onClose} onSaved={onSaved ?? onClose} /> : null}
    </Dialog>
  );
}

function MinistryForm({
  ministry,
  initialName = '',
  onCancel,
  onSaved,
}: {
  ministry?: Ministry;
  initialName?: string;
  onCancel: () => void;
  onSaved: (ministry: Ministry) => void;
}) {
  const listId = useId();
  const create = useCreateMinistry();
  const update = useUpdateMinistry(ministry?.id ?? '');
  const [start] = useState<Values>(() => ({ name: ministry?.name ?? initialName, shortName: ministry?.shortName ?? '', country: ministry?.country ?? '' }));
  const [values, setValues] = useState<Values>(start);
  const busy = create.isPending || update.isPending;
  const code = values.country.trim().toUpperCase();
  const country = countryName(code);
  const { errors, formError, submit } = useSaveForm({
    existing: ministry,
    validate: () => ministryBodyFromForm(values, ministry),
    create: (body) => create.mutateAsync(body as MinistryCreate),
    update: (body) => update.mutateAsync(body),
    name: (saved) => saved.shortName,
    onSaved,
    dirty: hasChanges(values, start),
  });

  return (
    <form onSubmit={submit} noValidate className="dialog-form">
      {formError ? <Alert title="Not saved">{formError}</Alert> : null}
      <Field label="Name" required error={errors.name} hint="In full, e.g. Ministry of Foreign Affairs of the Russian Federation">
        {(control) => <input {...control} value={values.name} autoFocus onChange={(e) => setValues({ ...values, name: e.target.value })} />}
      </Field>
      <Field label="Short name" required error={errors.shortName} hint="As analysts say it, e.g. MFA Russia">
        {(control) => <input {...control} value={values.shortName} onChange={(e) => setValues({ ...values, shortName: e.target.value })} />}
      </Field>
      <Field
        label="Country code"
        required
        error={errors.country}
        hint={code.length === 2 ? (country ? `${country}` : 'Not an ISO 3166-1 country code') : 'Two letters (ISO 3166-1), e.g. RU; type a country name to search'}
      >
        {(control) => (
          <input
            {...control}
            value={values.country}
            list={listId}
            autoCapitalize="characters"
            spellCheck={false}
            className="country-input"
            onChange={(e) => setValues({ ...values, country: e.target.value.length <= 2 ? e.target.value.toUpperCase() : e.target.value })}
          />
        )}
      </Field>
      <datalist id={listId}>
        {allCountries().map((c) => (
          <option key={c.code} value={c.code} label={c.name} />
        ))}
      </datalist>
      <FormActions submitLabel={ministry ? 'Save changes' : 'Add ministry'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
