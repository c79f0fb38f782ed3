import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Dialog, stopSubmit } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { ShownOnceSecret } from '#client/components/ui/shown-once.tsx';
import { formatDate } from '#client/lib/format.ts';
import { useFormErrors } from '#client/lib/use-form-errors.ts';
import { nowMs } from '#client/lib/ticker.ts';
import { TOKEN_DEFAULT_DAYS } from '#shared/schemas/users.ts';
import { useCreateToken } from '../api/account.ts';
import { useReauth, wasCancelled } from './reauth.tsx';

const LIFETIMES = [7, 30, TOKEN_DEFAULT_DAYS, 180, 365];
const DAY = 24 * 3600_000;

/** Names a new token and its lifetime; then shows its secret, this once, with a copy button. */
export function NewTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState(TOKEN_DEFAULT_DAYS);
  const { errors, formError, setErrors, fail, clear } = useFormErrors();
  const [secret, setSecret] = useState<{ name: string; token: string; expiresAt: string } | null>(null);
  const create = useCreateToken();
  const reauth = useReauth();

  const close = () => {
    setName('');
    setDays(TOKEN_DEFAULT_DAYS);
    clear();
    setSecret(null);
    onClose();
  };

  const submit = () => {
    if (!name.trim()) {
      setErrors({ name: 'Give the token a name, such as the script that will use it.' });
      return;
    }
    clear();
    const body = { name: name.trim(), expiresAt: new Date(nowMs() + days * DAY).toISOString() };
    reauth
      .run(() => create.mutateAsync(body))
      .then((created) => setSecret({ name: created.name, token: created.token, expiresAt: created.expiresAt }))
      .catch((error: unknown) => {
        if (!wasCancelled(error)) fail(error);
      });
  };

  return (
    <>
      <Dialog open={open} title={secret ? 'Copy your new token' : 'New API token'} onClose={close}>
        {secret ? (
          <ShownOnceSecret label={`${secret.name}, valid until ${formatDate(secret.expiresAt)}`} secret={secret.token} copyLabel="Copy token" onDone={close}>
            Copy it now and keep it somewhere safe, such as your script’s configuration. Readout keeps only a fingerprint of it and cannot show it again.
          </ShownOnceSecret>
        ) : (
          <form className="dialog-form" onSubmit={stopSubmit(submit)} noValidate>
            {formError ? <Alert>{formError}</Alert> : null}
            <Field label="Name" required error={errors.name} hint="What uses it, so you know which to revoke later.">
              {(control) => <input {...control} type="text" autoFocus maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
            </Field>
            <Field label="Expires after" error={errors.expiresAt}>
              {(control) => (
                <select {...control} value={days} onChange={(e) => setDays(Number(e.target.value))}>
                  {LIFETIMES.map((d) => (
                    <option key={d} value={d}>
                      {d === 365 ? '1 year' : `${d} days`}
                      {d === TOKEN_DEFAULT_DAYS ? ' (recommended)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <FormActions submitLabel="Create token" busy={create.isPending} onCancel={close} />
          </form>
        )}
      </Dialog>
      {reauth.dialog}
    </>
  );
}
