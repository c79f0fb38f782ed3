import { useState } from 'react';
import { useLeaveGuard } from '#client/lib/use-leave-guard.tsx';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Dialog, stopSubmit } from '#client/components/ui/dialog.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { fieldErrors } from '#client/lib/field-errors.ts';
import { useFormErrors } from '#client/lib/use-form-errors.ts';
import { type User, UserCreate } from '#shared/schemas/users.ts';
import { useCreateUser } from '../api/users.ts';
import { temporaryPassword } from '../lib/temporary-password.ts';

export const ROLE_HELP: Record<User['role'], string> = {
  viewer: 'Viewer: sees everything, changes nothing',
  analyst: 'Analyst: logs and edits calls, officials and ministries',
  admin: 'Admin: also manages users and reads the audit log',
};

const empty = () => ({ displayName: '', username: '', role: 'analyst' as User['role'], password: temporaryPassword() });

/** Adds an account with a first-login password the admin passes on; the user then picks their own. */
export function NewUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: User, password: string) => void }) {
  const [values, setValues] = useState(empty);
  const { errors, formError, setErrors, fail, clear } = useFormErrors();
  const create = useCreateUser();
  useLeaveGuard(open && (values.displayName !== '' || values.username !== ''));
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));

  const close = () => {
    setValues(empty());
    clear();
    onClose();
  };

  const submit = () => {
    const parsed = UserCreate.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    clear();
    create.mutate(parsed.data, {
      onSuccess: (user) => {
        onCreated(user, parsed.data.password);
        setValues(empty());
      },
      onError: fail,
    });
  };

  return (
    <Dialog open={open} title="Add a user" description="They log in with the first password below, then choose their own." onClose={close}>
      <form className="dialog-form" onSubmit={stopSubmit(submit)} noValidate>
        {formError ? <Alert>{formError}</Alert> : null}
        <Field label="Display name" required error={errors.displayName} hint="As it appears in the history of changes.">
          {(control) => <input {...control} type="text" autoComplete="off" autoFocus value={values.displayName} onChange={set('displayName')} />}
        </Field>
        <Field label="Username" required error={errors.username} hint="Letters, digits, dots, dashes and underscores.">
          {(control) => <input {...control} type="text" autoComplete="off" autoCapitalize="none" spellCheck={false} value={values.username} onChange={set('username')} />}
        </Field>
        <Field label="Role" required error={errors.role}>
          {(control) => (
            <select {...control} value={values.role} onChange={set('role')}>
              {(['viewer', 'analyst', 'admin'] as const).map((role) => (
                <option key={role} value={role}>
                  {ROLE_HELP[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="First password" required error={errors.password} hint="Pass it on by a different channel than the username. It works for the first login only.">
          {(control) => (
            <div className="inline-input">
              <input {...control} type="text" autoComplete="off" spellCheck={false} value={values.password} onChange={set('password')} />
              <Button onClick={() => setValues((v) => ({ ...v, password: temporaryPassword() }))}>New one</Button>
            </div>
          )}
        </Field>
        <FormActions submitLabel="Add user" busy={create.isPending} onCancel={close} />
      </form>
    </Dialog>
  );
}
