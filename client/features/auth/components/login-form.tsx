import { useState, type FormEvent } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import type { Me } from '#shared/schemas/users.ts';
import { needsSecondFactor, useLogin } from '../api/auth.ts';

/** The words for a failed login: wrong credentials, a wrong code and throttling read differently. */
export function loginErrorMessage(error: unknown, askingForCode = false): string {
  if (error instanceof ApiError) {
    if (error.status === 401 && askingForCode) return 'That code is not right, or was used already. Enter the code the app shows now.';
    if (error.status === 401 || error.status === 400 || error.status === 422) return 'Wrong username or password.';
    if (error.status === 429) return error.problem.detail || 'Too many failed attempts. Wait a minute, then try again.';
    return error.problem.detail || error.message;
  }
  return 'Readout could not reach its server. Check your connection and try again.';
}

/**
 * Username and password; when the account uses two-factor authentication the
 * server answers `mfaRequired` and the form asks for the code (or a recovery
 * code) and sends all three again. Once logged in, the login page sends the
 * user on (it sees who is logged in change).
 */
export function LoginForm({ onLoggedIn }: { onLoggedIn?: (user: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askingForCode, setAskingForCode] = useState(false);
  const login = useLogin();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username || !password || (askingForCode && !code.trim())) return;
    login.mutate(
      { username: username.trim(), password, ...(askingForCode ? { code: code.trim() } : {}) },
      {
        onSuccess: onLoggedIn,
        onError: (error) => {
          if (needsSecondFactor(error) && !askingForCode) {
            setAskingForCode(true);
            login.reset();
          }
        },
      },
    );
  };

  const startOver = () => {
    setAskingForCode(false);
    setCode('');
    setPassword('');
    login.reset();
  };

  if (askingForCode) {
    return (
      <form className="auth-form" onSubmit={submit} noValidate>
        {login.isError ? <Alert>{loginErrorMessage(login.error, true)}</Alert> : null}
        <p className="auth-intro">Two-factor authentication is on for {username.trim()}.</p>
        <Field label="Two-factor code" required hint="The 6 digits your authenticator app shows for Readout, or one of your recovery codes.">
          {(control) => (
            <input
              {...control}
              type="text"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={login.isPending} disabled={!code.trim()}>
          Verify and log in
        </Button>
        <Button variant="ghost" onClick={startOver}>
          Use another account
        </Button>
      </form>
    );
  }

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
