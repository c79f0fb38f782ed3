import { useState, type FormEvent } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { useLogin } from '../api/auth.ts';

/** The words for a failed login: wrong credentials and throttling read differently. */
export function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 400 || error.status === 422) return 'Wrong username or password.';
    if (error.status === 429) return `Too many failed attempts. ${error.problem.detail || 'Wait a minute, then try again.'}`;
    return error.problem.detail || error.message;
  }
  return 'Readout could not reach its server. Check your connection and try again.';
}

export function LoginForm({ onLoggedIn }: { onLoggedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username || !password) return;
    login.mutate({ username: username.trim(), password }, { onSuccess: onLoggedIn });
  };

  return (
    <form className="auth-form" onSubmit={submit} noValidate>
      {login.isError ? <Alert>{loginErrorMessage(login.error)}</Alert> : null}
      <Field label="Username" required>
        {(control) => (
          <input {...control} type="text" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        )}
      </Field>
      <Field label="Password" required>
        {(control) => <input {...control} type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <Button type="submit" variant="primary" busy={login.isPending} disabled={!username || !password}>
        Log in
      </Button>
    </form>
  );
}
