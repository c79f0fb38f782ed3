import { useState } from 'react';
import { useLeaveGuard } from '#client/lib/use-leave-guard.tsx';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { type FieldErrors, fieldErrors } from '#client/lib/field-errors.ts';
import { useFormErrors } from '#client/lib/use-form-errors.ts';
import { PasswordChange } from '#shared/schemas/users.ts';
import { useChangePassword } from '../api/account.ts';

const NEW_PASSWORD_HINT = 'At least 10 characters; not a common password, and not containing your username. A few unrelated words make a good one.';

/**
 * Changing one's own password, with the current one. `forced`: the first
 * login after an admin set it, where the current one is the temporary one.
 */
export function PasswordForm({ forced = false, onChanged }: { forced?: boolean; onChanged?: () => void }) {
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const { errors, formError, setErrors, setFormError, fail } = useFormErrors();
  const [done, setDone] = useState(false);
  const change = useChangePassword();
  useLeaveGuard(Object.values(values).some((value) => value !== ''));
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));

  const submit = (event: { preventDefault(): void }) => {
    event.preventDefault();
    setDone(false);
    const parsed = PasswordChange.safeParse({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    const found: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    if (values.repeat !== values.newPassword) found.repeat = 'The two new passwords differ.';
    setErrors(found);
    setFormError(null);
    if (!parsed.success || found.repeat) return;
    change.mutate(parsed.data, {
      onSuccess: () => {
        setValues({ currentPassword: '', newPassword: '', repeat: '' });
        setDone(true);
        onChanged?.();
      },
      onError: fail,
    });
  };

  return (
    <form className="password-form" onSubmit={submit} noValidate>
      {formError ? <Alert>{formError}</Alert> : null}
      {done ? (
        <Alert tone="success" title="Password changed">
          Your other sessions have ended and your API tokens were revoked.
        </Alert>
      ) : null}
      <Field label={forced ? 'Temporary password' : 'Current password'} required error={errors.currentPassword} hint={forced ? 'The one your admin gave you.' : undefined}>
        {(control) => <input {...control} type="password" autoComplete="current-password" value={values.currentPassword} onChange={set('currentPassword')} />}
      </Field>
      <Field label="New password" required error={errors.newPassword} hint={NEW_PASSWORD_HINT}>
        {(control) => <input {...control} type="password" autoComplete="new-password" value={values.newPassword} onChange={set('newPassword')} />}
      </Field>
      <Field label="New password again" required error={errors.repeat}>
        {(control) => <input {...control} type="password" autoComplete="new-password" value={values.repeat} onChange={set('repeat')} />}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={change.isPending}>
          {forced ? 'Set my password' : 'Change password'}
        </Button>
      </div>
    </form>
  );
}
