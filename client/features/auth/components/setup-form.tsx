import { useState, type FormEvent } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { SetupRequest } from '#shared/schemas/users.ts';
import { useSetup } from '../api/auth.ts';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';

export function SetupForm({ onDone }: { onDone: () => void }) {
  const [values, setValues] = useState({ displayName: '', username: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const setup = useSetup();
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = SetupRequest.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setup.mutate(parsed.data, {
      onSuccess: onDone,
      onError: (error) => {
        if (error instanceof ApiError && error.problem.errors) setErrors(fieldErrors(error));
      },
    });
  };

  const general = setup.error && !(setup.error instanceof ApiError && setup.error.problem.errors?.length) ? setup.error : null;
  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      {general ? <Alert>{general instanceof ApiError && general.status === 409 ? 'Readout is already set up. Log in instead.' : general.message}</Alert> : null}
      <Field label="Display name" required error={errors.displayName} hint="How your name appears in the history of changes.">
        {(control) => <input {...control} type="text" name="displayName" autoComplete="name" autoFocus value={values.displayName} onChange={set('displayName')} />}
      </Field>
      <Field label="Username" required error={errors.username}>
        {(control) => <input {...control} type="text" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={values.username} onChange={set('username')} />}
      </Field>
      <Field label="Password" required error={errors.password} hint="At least 10 characters. A passphrase is best.">
        {(control) => <input {...control} type="password" name="password" autoComplete="new-password" value={values.password} onChange={set('password')} />}
      </Field>
      <Button type="submit" variant="primary" busy={setup.isPending}>
        Create the admin account
      </Button>
    </form>
  );
}
