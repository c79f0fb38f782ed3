import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { fieldErrors } from '#client/lib/field-errors.ts';
import { useFormErrors } from '#client/lib/use-form-errors.ts';
import { useLeaveGuard } from '#client/lib/use-leave-guard.tsx';
import { type Me, MePatch } from '#shared/schemas/users.ts';
import { useUpdateMe } from '../api/account.ts';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Where alerts on the email channel go, and the daily briefing by email at
 * a local time of day. Only what changed is sent: a new address needs a
 * recent login, the rest does not.
 */
export function EmailBriefingForm({ user }: { user: Me }) {
  const initial = { email: user.email ?? '', timeZone: user.timeZone ?? browserZone(), briefingAt: user.briefingAt ?? '', subscribed: user.briefingAt !== null };
  const [values, setValues] = useState(initial);
  const { errors, formError, setErrors, setFormError, fail } = useFormErrors();
  const [done, setDone] = useState(false);
  const update = useUpdateMe();
  const dirty = (Object.keys(initial) as (keyof typeof initial)[]).some((k) => values[k] !== initial[k]);
  useLeaveGuard(dirty);

  const submit = (event: { preventDefault(): void }) => {
    event.preventDefault();
    setDone(false);
    const email = values.email.trim() === '' ? null : values.email.trim();
    const briefingAt = values.subscribed ? values.briefingAt || '07:00' : null;
    const body: Record<string, unknown> = {};
    if (email !== user.email) body.email = email;
    if (values.timeZone !== user.timeZone) body.timeZone = values.timeZone;
    if (briefingAt !== user.briefingAt) body.briefingAt = briefingAt;
    const parsed = MePatch.safeParse(body);
    setErrors(parsed.success ? {} : fieldErrors(parsed.error));
    setFormError(null);
    if (!parsed.success) return;
    update.mutate(parsed.data, { onSuccess: () => setDone(true), onError: fail });
  };

  return (
    <form onSubmit={submit} noValidate>
      {formError ? <Alert>{formError}</Alert> : null}
      {done ? <Alert tone="success" title="Saved" /> : null}
      <Field label="Email address" error={errors.email} hint="Alerts on the email channel and your briefing go here. Changing it needs a recent login.">
        {(control) => <input {...control} type="email" autoComplete="email" value={values.email} onChange={(e) => setValues((v) => ({ ...v, email: e.target.value }))} />}
      </Field>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={values.subscribed} onChange={(e) => setValues((v) => ({ ...v, subscribed: e.target.checked, briefingAt: v.briefingAt || '07:00' }))} />{' '}
          Email me the briefing every day
        </label>
      </div>
      {values.subscribed ? (
        <>
          <Field label="At (your local time)" error={errors.briefingAt}>
            {(control) => <input {...control} type="time" value={values.briefingAt} onChange={(e) => setValues((v) => ({ ...v, briefingAt: e.target.value }))} />}
          </Field>
          <Field label="Time zone" error={errors.timeZone} hint="An IANA zone such as Europe/Berlin.">
            {(control) => <input {...control} type="text" value={values.timeZone} onChange={(e) => setValues((v) => ({ ...v, timeZone: e.target.value }))} />}
          </Field>
        </>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={update.isPending} disabled={!dirty}>
          Save
        </Button>
      </div>
    </form>
  );
}
