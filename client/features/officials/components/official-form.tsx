import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Dialog } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import type { FieldControl } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { countryLabel } from '#client/lib/country.ts';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { countryTimeZones, suggestedTimeZone } from '#client/lib/time-zones.ts';
import { hasChanges } from '#client/lib/use-leave-guard.tsx';
import { useSaveForm } from '#client/lib/use-save-form.ts';
import { OfficialCreate, OfficialPatch, type Official } from '#shared/schemas/officials.ts';
import { ministryQuery } from '../../ministries/api/ministries.ts';
import { useCreateOfficial, useUpdateOfficial } from '../api/officials.ts';
import { TimeZoneSelect } from './time-zone-select.tsx';

export interface OfficialValues {
  name: string;
  title: string;
  ministryId: string;
  timeZone: string;
}

export type OfficialFormResult = { ok: true; body: OfficialCreate | OfficialPatch } | { ok: false; errors: FieldErrors };

/** The form's values checked with the shared schema; when editing, only what changed. */
export function officialBodyFromForm(values: OfficialValues, existing?: Official): OfficialFormResult {
  const parsed = OfficialCreate.safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    // An empty choice reads better as an instruction than as a rule.
    if (!values.ministryId) errors.ministryId = 'Choose the ministry.';
    if (!values.timeZone) errors.timeZone = 'Choose a time zone from the list, e.g. Europe/Moscow.';
    return { ok: false, errors };
  }
  if (!existing) return { ok: true, body: parsed.data };
  const patch: Record<string, string> = {};
  for (const field of ['name', 'title', 'ministryId', 'timeZone'] as const) {
    if (parsed.data[field] !== existing[field]) patch[field] = parsed.data[field];
  }
  return { ok: true, body: OfficialPatch.parse(patch) };
}

/** What a select of ministries receives from the form (the page composes the ministries feature's select in). */
export interface MinistryFieldProps extends FieldControl {
  value: string;
  onChange: (id: string) => void;
}

export interface OfficialFormDialogProps {
  open: boolean;
  onClose: () => void;
  official?: Official;
  /** A ministry to preselect for a new official (adding one from a ministry's page). */
  ministryId?: string;
  /** A new official's name to start from (what the analyst typed in a picker). */
  initialName?: string;
  renderMinistrySelect: (props: MinistryFieldProps) => ReactNode;
  onSaved?: (official: Official) => void;
}

export function OfficialFormDialog({ open, onClose, official, ministryId, initialName, renderMinistrySelect, onSaved }: OfficialFormDialogProps) {
  return (
    <Dialog open={open} title={official ? `Edit ${official.name}` : 'New official'} onClose={onClose}>
      {open ? (
        <OfficialForm
          official={official}
          ministryId={ministryId}
          initialName={initialName}
          renderMinistrySelect={renderMinistrySelect}
          onCancel={onClose}
          onSaved={onSaved ?? onClose}
        />
      ) : null}
    </Dialog>
  );
}

export function OfficialForm({
  official,
  ministryId,
  initialName = '',
  renderMinistrySelect,
  onCancel,
  onSaved,
}: Omit<OfficialFormDialogProps, 'open' | 'onClose' | 'onSaved'> & { onCancel: () => void; onSaved: (official: Official) => void }) {
  const create = useCreateOfficial();
  const update = useUpdateOfficial(official?.id ?? '');
  const [start] = useState<OfficialValues>(() => ({
    name: official?.name ?? initialName,
    title: official?.title ?? '',
    ministryId: official?.ministryId ?? ministryId ?? '',
    timeZone: official?.timeZone ?? '',
  }));
  const [values, setValues] = useState<OfficialValues>(start);
  const zone = useZoneSuggestion(values.ministryId, Boolean(official));
  // Until the analyst picks a zone, the one suggested by the ministry's country stands.
  const timeZone = zone.chosen ? values.timeZone : (zone.suggested ?? values.timeZone);
  const busy = create.isPending || update.isPending;
  const { errors, formError, submit } = useSaveForm({
    existing: official,
    validate: () => officialBodyFromForm({ ...values, timeZone }, official),
    create: (body) => create.mutateAsync(body as OfficialCreate),
    update: (body) => update.mutateAsync(body),
    name: (saved) => saved.name,
    onSaved,
    dirty: hasChanges(values, start),
  });

  return (
    <form onSubmit={submit} noValidate className="dialog-form">
      {formError ? <Alert title="Not saved">{formError}</Alert> : null}
      <Field label="Name" required error={errors.name}>
        {(control) => <input {...control} value={values.name} autoFocus onChange={(e) => setValues({ ...values, name: e.target.value })} />}
      </Field>
      <Field label="Title" required error={errors.title} hint="e.g. Minister of Foreign Affairs">
        {(control) => <input {...control} value={values.title} onChange={(e) => setValues({ ...values, title: e.target.value })} />}
      </Field>
      <Field label="Ministry" required error={errors.ministryId}>
        {(control) => renderMinistrySelect({ ...control, value: values.ministryId, onChange: (id) => setValues({ ...values, ministryId: id }) })}
      </Field>
      <Field label="Time zone" required error={errors.timeZone} hint={zone.hint}>
        {(control) => (
          <TimeZoneSelect
            control={control}
            value={timeZone}
            preferred={zone.preferred}
            onChange={(chosen) => {
              zone.choose();
              setValues((v) => ({ ...v, timeZone: chosen }));
            }}
          />
        )}
      </Field>
      <FormActions submitLabel={official ? 'Save changes' : 'Add official'} busy={busy} onCancel={onCancel} />
    </form>
  );
}

/**
 * A new official's time zone, suggested from their ministry's country (its
 * only zone, or the capital's) until the analyst picks one; the country's
 * zones are listed first either way. An existing official's zone stays.
 */
function useZoneSuggestion(ministryId: string, editing: boolean) {
  const [chosen, setChosen] = useState(editing);
  const ministry = useQuery({ ...ministryQuery(ministryId), enabled: ministryId !== '' });
  const country = ministry.data?.country;
  const suggested = country && !chosen ? suggestedTimeZone(country) : undefined;
  const preferred = country ? countryTimeZones(country) : [];
  const usual = 'Where the official usually is; their local time is shown beside their calls';
  const hint = suggested
    ? `Suggested from the ministry’s country (${countryLabel(country!)}); change it if the official works elsewhere.`
    : !chosen && country && preferred.length > 1
      ? `${countryLabel(country)} has several time zones: choose the official’s. ${usual}.`
      : usual;
  return { chosen, suggested, hint, preferred, choose: () => setChosen(true) };
}
