import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { hasChanges, useLeaveGuard } from '#client/lib/use-leave-guard.tsx';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { ConfirmDeleteDialog } from '#client/components/ui/confirm-delete-dialog.tsx';
import { Dialog } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { SourceText } from '#client/components/ui/source-text.tsx';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { useFormErrors } from '#client/lib/use-form-errors.ts';
import { formatDateTimeIn, fromLocalInput, toLocalInput } from '#client/lib/format.ts';
import { notify } from '#client/lib/notices.ts';
import { useTick } from '#client/lib/ticker.ts';
import type { AbsencePatch} from '#shared/schemas/availability.ts';
import { AbsenceCreate, type Absence } from '#shared/schemas/availability.ts';
import type { Official } from '#shared/schemas/officials.ts';
import { absencesQuery, useDeleteAbsence, useSaveAbsence } from '../api/absences.ts';
import '../absences.css';

type Phase = 'now' | 'planned' | 'past';
const phaseOf = (a: Absence, now: number): Phase => (Date.parse(a.from) > now ? 'planned' : Date.parse(a.to) > now ? 'now' : 'past');
const PHASE_LABEL: Record<Phase, string> = { now: 'Away now', planned: 'Planned', past: 'Over' };

/** An official's absences (travel, leave, illness): they take the official's working time out of every wait. */
export function Absences({ official, canEdit }: { official: Official; canEdit: boolean }) {
  const query = useInfiniteQuery(absencesQuery(official.id));
  // Re-rendered when the minute changes, so "away now" follows the clock.
  const now = useTick((t) => Math.floor(t / 60_000)) * 60_000;
  const [editing, setEditing] = useState<Absence | 'new' | null>(null);
  const [removing, setRemoving] = useState<Absence | null>(null);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const current = items.find((a) => phaseOf(a, now) === 'now');
  return (
    <section className="section" aria-labelledby="absences-title">
      <div className="section-head">
        <h2 id="absences-title">Absences</h2>
        {canEdit ? (
          <Button size="small" onClick={() => setEditing('new')}>
            Add an absence
          </Button>
        ) : null}
      </div>
      <p className="muted section-intro">Travel, leave, illness: time away does not count as working time in their waits. Times in {official.timeZone}.</p>
      {current ? (
        <p className="away-now" role="status">
          <span className="badge availability-away">Away now</span> {current.reason}, until {formatDateTimeIn(current.to, official.timeZone)}
        </p>
      ) : null}
      {query.isPending ? <p className="muted">Loading…</p> : null}
      {query.isError ? <Alert title="The absences could not be loaded">{query.error.message}</Alert> : null}
      {query.isSuccess && items.length === 0 ? <p className="muted">No absences recorded.</p> : null}
      {items.length > 0 ? (
        <ul className="absence-list">
          {items.map((a) => {
            const phase = phaseOf(a, now);
            return (
              <li key={a.id} className={`absence absence-${phase}`}>
                <div>
                  <span className={`badge absence-badge-${phase}`}>{PHASE_LABEL[phase]}</span> <strong>{a.reason}</strong>
                  <div className="muted">
                    {formatDateTimeIn(a.from, official.timeZone)} – {formatDateTimeIn(a.to, official.timeZone)}
                  </div>
                  {a.source ? (
                    <div className="absence-source">
                      Source: <SourceText source={a.source} />
                    </div>
                  ) : null}
                </div>
                {canEdit ? (
                  <div className="absence-actions">
                    <Button size="small" onClick={() => setEditing(a)} aria-label={`Edit absence: ${a.reason}`}>
                      Edit
                    </Button>
                    <Button size="small" variant="danger" onClick={() => setRemoving(a)} aria-label={`Remove absence: ${a.reason}`}>
                      Remove
                    </Button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <LoadMore pages={query} />
      {canEdit ? (
        <>
          <Dialog open={editing !== null} title={editing === 'new' ? `Absence of ${official.name}` : 'Edit the absence'} onClose={() => setEditing(null)}>
            {editing !== null ? <AbsenceForm officialId={official.id} absence={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} /> : null}
          </Dialog>
          <RemoveAbsence officialId={official.id} absence={removing} onClose={() => setRemoving(null)} />
        </>
      ) : null}
    </section>
  );
}

function RemoveAbsence({ officialId, absence, onClose }: { officialId: string; absence: Absence | null; onClose: () => void }) {
  const remove = useDeleteAbsence(officialId);
  return (
    <ConfirmDeleteDialog
      open={absence !== null}
      title="Remove this absence?"
      description={absence ? `${absence.reason}. Their waits count this time as working time again.` : ''}
      error={remove.error?.message}
      busy={remove.isPending}
      onConfirm={() => absence && remove.mutate(absence.id, { onSuccess: () => (notify('Absence removed.', 'success'), onClose()) })}
      onClose={onClose}
    />
  );
}

interface Values {
  from: string;
  to: string;
  reason: string;
  source: string;
}

/** The form as an API body: the whole absence when adding, only what changed when editing. */
export function absenceBodyFromForm(values: Values, existing?: Absence): { ok: true; body: AbsenceCreate | AbsencePatch } | { ok: false; errors: FieldErrors } {
  const candidate = { from: fromLocalInput(values.from) ?? values.from, to: fromLocalInput(values.to) ?? values.to, reason: values.reason, source: values.source.trim() || undefined };
  const parsed = AbsenceCreate.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  if (!existing) return { ok: true, body: parsed.data };
  const patch: AbsencePatch = {};
  if (Date.parse(parsed.data.from) !== Date.parse(existing.from)) patch.from = parsed.data.from;
  if (Date.parse(parsed.data.to) !== Date.parse(existing.to)) patch.to = parsed.data.to;
  if (parsed.data.reason !== existing.reason) patch.reason = parsed.data.reason;
  if ((parsed.data.source ?? null) !== existing.source) patch.source = parsed.data.source ?? null;
  return { ok: true, body: patch };
}

function AbsenceForm({ officialId, absence, onDone }: { officialId: string; absence?: Absence; onDone: () => void }) {
  const save = useSaveAbsence(officialId);
  const [start] = useState<Values>(() => ({
    from: absence ? toLocalInput(new Date(absence.from)) : '',
    to: absence ? toLocalInput(new Date(absence.to)) : '',
    reason: absence?.reason ?? '',
    source: absence?.source ?? '',
  }));
  const [values, setValues] = useState<Values>(start);
  useLeaveGuard(hasChanges(values, start));
  const { errors, formError, setErrors, setFormError, fail } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setFormError(null);
    const result = absenceBodyFromForm(values, absence);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    try {
      if (!absence || Object.keys(result.body).length > 0) await save.mutateAsync({ id: absence?.id, body: result.body });
      notify(absence ? 'Absence saved.' : 'Absence added.', 'success');
      onDone();
    } catch (error) {
      fail(error);
    }
  };
  return (
    <form onSubmit={submit} noValidate className="dialog-form">
      {formError ? <Alert title="Not saved">{formError}</Alert> : null}
      <Field label="Reason" required error={errors.reason} hint="e.g. Travelling in Africa, annual leave">
        {(control) => <input {...control} value={values.reason} autoFocus onChange={(e) => setValues({ ...values, reason: e.target.value })} />}
      </Field>
      <div className="absences-form-row">
        <Field label="From" required error={errors.from} hint="Your local time">
          {(control) => <input {...control} type="datetime-local" value={values.from} onChange={(e) => setValues({ ...values, from: e.target.value })} />}
        </Field>
        <Field label="To" required error={errors.to} hint="Your local time; after From">
          {(control) => <input {...control} type="datetime-local" value={values.to} onChange={(e) => setValues({ ...values, to: e.target.value })} />}
        </Field>
      </div>
      <Field label="Source" error={errors.source} hint="Where you learned of it: a readout, a press report, a URL">
        {(control) => <input {...control} value={values.source} onChange={(e) => setValues({ ...values, source: e.target.value })} />}
      </Field>
      <FormActions submitLabel={absence ? 'Save absence' : 'Add absence'} busy={save.isPending} onCancel={onDone} />
    </form>
  );
}
