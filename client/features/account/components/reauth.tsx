import { useRef, useState, type ReactNode } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Dialog, stopSubmit } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { RECENT_LOGIN_MINUTES } from '#shared/schemas/auth.ts';
import { useReauthenticate } from '../api/account.ts';

export function isReauthRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.problem.code === 'reauthentication_required';
}

/**
 * Sensitive actions (a new token, two-factor changes, ending other
 * sessions) need a login within the last few minutes. `run` tries the
 * action; when the server asks for a fresh login, the dialog asks for the
 * password (or a code), confirms it, and runs the action again.
 */
export function useReauth(): { run: <T>(action: () => Promise<T>) => Promise<T>; dialog: ReactNode } {
  const [open, setOpen] = useState(false);
  const waiting = useRef<{ resolve: () => void; reject: (error: unknown) => void } | null>(null);

  const run = async <T,>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      if (!isReauthRequired(error)) throw error;
      await new Promise<void>((resolve, reject) => {
        waiting.current = { resolve, reject };
        setOpen(true);
      });
      return action();
    }
  };

  const close = (confirmed: boolean) => {
    setOpen(false);
    const pending = waiting.current;
    waiting.current = null;
    if (confirmed) pending?.resolve();
    else pending?.reject(new Error('Not confirmed'));
  };

  return { run, dialog: <ReauthDialog open={open} onConfirmed={() => close(true)} onClose={() => close(false)} /> };
}

/** Not confirmed: the action was cancelled, nothing to report. */
export function wasCancelled(error: unknown): boolean {
  return error instanceof Error && error.message === 'Not confirmed';
}

function ReauthDialog({ open, onConfirmed, onClose }: { open: boolean; onConfirmed: () => void; onClose: () => void }) {
  const [useCode, setUseCode] = useState(false);
  const [secret, setSecret] = useState('');
  const confirm = useReauthenticate();
  const error = confirm.error instanceof ApiError ? (confirm.error.problem.errors?.[0]?.message ?? confirm.error.message) : confirm.error?.message;

  const submit = () => {
    if (!secret) return;
    confirm.mutate(useCode ? { code: secret.trim() } : { password: secret }, {
      onSuccess: () => {
        setSecret('');
        confirm.reset();
        onConfirmed();
      },
    });
  };

  return (
    <Dialog open={open} title="Confirm it is you" description={`This needs a login within the last ${RECENT_LOGIN_MINUTES} minutes.`} onClose={onClose}>
      <form className="dialog-form" onSubmit={stopSubmit(submit)} noValidate>
        {error ? <Alert>{error}</Alert> : null}
        {useCode ? (
          <Field label="Two-factor code" required hint="From your authenticator app, or a recovery code.">
            {(control) => <input {...control} type="text" inputMode="numeric" autoComplete="one-time-code" autoFocus value={secret} onChange={(e) => setSecret(e.target.value)} />}
          </Field>
        ) : (
          <Field label="Your password" required>
            {(control) => <input {...control} type="password" autoComplete="current-password" autoFocus value={secret} onChange={(e) => setSecret(e.target.value)} />}
          </Field>
        )}
        <FormActions submitLabel="Confirm" busy={confirm.isPending} onCancel={onClose}>
          <button type="button" className="btn btn-ghost" onClick={() => { setUseCode(!useCode); setSecret(''); confirm.reset(); }}>
            {useCode ? 'Use my password instead' : 'Use a two-factor code instead'}
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
