import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Field, type FieldControl } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { saveFailure, type FieldErrors } from '#client/lib/field-errors.ts';
import { notify } from '#client/lib/notices.ts';
import { AlertChannel, AlertKind, type AlertRule } from '#shared/schemas/alerts.ts';
import { useSaveAlertRule } from '../api/alert-rules.ts';
import { CHANNEL_LABELS, KIND_LABELS, type RuleFormValues, ruleBodyFromForm, ruleFormValues } from '../lib/rule-form.ts';

/** The page hands in the ministries' select (a component of that feature). */
export type RenderMinistrySelect = (props: FieldControl & { value: string; onChange: (id: string) => void; emptyLabel: string }) => ReactNode;
/** And the rounds' select (a component of the rounds feature). */
export type RenderRoundSelect = RenderMinistrySelect;

export function AlertRuleForm({ rule, onDone, renderMinistrySelect, renderRoundSelect }: { rule?: AlertRule; onDone: () => void; renderMinistrySelect: RenderMinistrySelect; renderRoundSelect: RenderRoundSelect }) {
  const save = useSaveAlertRule();
  const [values, setValues] = useState<RuleFormValues>(ruleFormValues(rule));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (patch: Partial<RuleFormValues>) => setValues({ ...values, ...patch });
  const toggle = (channel: AlertChannel, on: boolean) => set({ channels: on ? [...values.channels, channel] : values.channels.filter((c) => c !== channel) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setFormError(null);
    const result = ruleBodyFromForm(values);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    try {
      await save.mutateAsync({ id: rule?.id, body: result.body });
      notify(rule ? 'Rule saved.' : 'Rule created.', 'success');
      onDone();
    } catch (error) {
      const failure = saveFailure(error);
      setErrors(failure.errors);
      setFormError(failure.formError);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="dialog-form">
      {formError ? <Alert title="Not saved">{formError}</Alert> : null}
      <Field label="Name" required error={errors.name} hint="e.g. Russia has not called back in 72 hours">
        {(control) => <input {...control} value={values.name} autoFocus onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      <Field label="When" required error={errors.kind}>
        {(control) => (
          <select {...control} value={values.kind} onChange={(e) => set({ kind: e.target.value as RuleFormValues['kind'] })}>
            {AlertKind.options.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {values.kind === 'wait_exceeds' ? (
        <Field label="Hours" required error={errors.hours ?? errors.thresholdMs} hint="How long an open call may wait before you hear of it">
          {(control) => <input {...control} type="number" min="0.1" step="any" inputMode="decimal" value={values.hours} onChange={(e) => set({ hours: e.target.value })} />}
        </Field>
      ) : null}
      {values.kind === 'unusual_wait' ? <p className="field-hint">Fires when a call has waited longer than 90% of its ministry’s calls took to get a reply (at least 5 calls of history).</p> : null}
      <Field label="Ministry" error={errors.ministryId} hint="The callee’s ministry; leave empty for every ministry">
        {(control) => renderMinistrySelect({ ...control, value: values.ministryId, onChange: (id) => set({ ministryId: id }), emptyLabel: 'Every ministry' })}
      </Field>
      <Field label="Round" error={errors.roundId} hint="Only the calls of one outreach round; leave empty for any call">
        {(control) => renderRoundSelect({ ...control, value: values.roundId, onChange: (id) => set({ roundId: id }), emptyLabel: 'Any round, or none' })}
      </Field>
      <fieldset className="channel-choices" aria-describedby={errors.channels ? 'channels-error' : undefined}>
        <legend className="field-label">Deliver</legend>
        {AlertChannel.options.map((channel) => (
          <label key={channel}>
            <input type="checkbox" checked={values.channels.includes(channel)} onChange={(e) => toggle(channel, e.target.checked)} /> {CHANNEL_LABELS[channel]}
          </label>
        ))}
      </fieldset>
      {errors.channels ? (
        <p id="channels-error" className="field-error">
          Channels {errors.channels}
        </p>
      ) : null}
      {values.channels.includes('webhook') ? (
        <Field label="Webhook id" required error={errors.webhookId} hint="The webhook (set up by an admin) to post to">
          {(control) => <input {...control} value={values.webhookId} spellCheck={false} onChange={(e) => set({ webhookId: e.target.value })} />}
        </Field>
      ) : null}
      <label>
        <input type="checkbox" checked={values.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Active (untick to pause)
      </label>
      <FormActions submitLabel={rule ? 'Save rule' : 'Create rule'} busy={save.isPending} onCancel={onDone} />
    </form>
  );
}
