import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Dialog, stopSubmit } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { DoneActions } from '#client/components/ui/shown-once.tsx';
import { useFormErrors } from '#client/lib/use-form-errors.ts';
import type { User } from '#shared/schemas/users.ts';
import { useUpdateUser } from '../api/users.ts';
import { temporaryPassword } from '../lib/temporary-password.ts';

/** Sets a first-login password for someone who forgot theirs; they must change it when they log in. */
export function ResetPasswordDialog({ user, open, onClose }: { user: User; open: boolean; onClose: () => void }) {
  const [password, setPassword] = useState(temporaryPassword);
  const { errors, formError, fail, clear } = useFormErrors();
  const [done, setDone] = useState(false);
  const update = useUpdateUser();
  const close = () => {
    setPassword(temporaryPassword());
    clear();
    setDone(false);
    onClose();
  };
  const submit = () =>
    update.mutate(
      { id: user.id, patch: { password } },
      {
        onSuccess: () => setDone(true),
        onError: fail,
      },
    );
  return (
    <Dialog open={open} title={`Reset ${user.displayName}’s password`} onClose={close}>
      {done ? (
        <div>
          <Alert tone="success" title="Password reset">
            Pass this on to {user.displayName}: <code className="secret-inline">{password}</code>. They must choose their own at their next login. Their sessions have ended and
            their tokens were revoked.
          </Alert>
          <DoneActions onDone={close} />
        </div>
      ) : (
        <form className="dialog-form" onSubmit={stopSubmit(submit)} noValidate>
          {formError ? <Alert>{formError}</Alert> : null}
          <p>They are logged out everywhere and their API tokens are revoked. Two-factor authentication stays as it is.</p>
          <Field label="First password" required error={errors.password} hint="Works for one login, which then asks them for their own.">
            {(control) => (
              <div className="inline-input">
                <input {...control} type="text" autoComplete="off" spellCheck={false} value={password} onChange={(e) => setPassword(e.target.value)} />
                <Button onClick={() => setPassword(temporaryPassword())}>New one</Button>
              </div>
            )}
          </Field>
          <FormActions submitLabel="Reset password" busy={update.isPending} onCancel={close} />
        </form>
      )}
    </Dialog>
  );
}
