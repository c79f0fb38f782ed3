import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { ConfirmActionDialog } from '#client/components/ui/confirm-delete-dialog.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { formatDateTime } from '#client/lib/format.ts';
import { notify } from '#client/lib/notices.ts';
import type { Role, User } from '#shared/schemas/users.ts';
import { useResetUserMfa, useUpdateUser, userQuery } from '../api/users.ts';
import { ROLE_HELP } from './new-user-dialog.tsx';
import { ResetPasswordDialog } from './reset-password-dialog.tsx';
import { UserCredentials } from './user-credentials.tsx';
import { UserStatus } from './users-table.tsx';

/** One account, for an admin: its role, whether it may log in, its password, two-factor, tokens and sessions. */
export function UserView({ id, isSelf, nav }: { id: string; isSelf: boolean; nav?: ReactNode }) {
  const query = useQuery(userQuery(id));
  if (query.isPending) return <Loading label="Loading the user…" />;
  if (query.isError) return <Alert title="The user could not be loaded">{query.error.message}</Alert>;
  const user = query.data;
  return (
    <>
      <PageHeader title={user.displayName} subtitle={`${user.username} · ${user.role}`} />
      {nav}
      <div className="account-grid">
        <UserFacts user={user} isSelf={isSelf} />
        <UserCredentials user={user} />
      </div>
    </>
  );
}

function UserFacts({ user, isSelf }: { user: User; isSelf: boolean }) {
  const [role, setRole] = useState<Role>(user.role);
  const [confirming, setConfirming] = useState<'disable' | 'mfa' | null>(null);
  const [resetting, setResetting] = useState(false);
  const update = useUpdateUser();
  const resetMfa = useResetUserMfa(user.id);

  const saveRole = () =>
    update.mutate({ id: user.id, patch: { role } }, { onSuccess: (saved) => notify(`${saved.displayName} is now ${saved.role === 'admin' ? 'an' : 'a'} ${saved.role}.`, 'success') });
  const toggleDisabled = () =>
    update.mutate(
      { id: user.id, patch: { disabled: !user.disabled } },
      {
        onSuccess: (saved) => {
          setConfirming(null);
          notify(saved.disabled ? `${saved.displayName} can no longer log in.` : `${saved.displayName} can log in again.`, 'success');
        },
      },
    );

  return (
    <section className="card account-card" aria-labelledby="user-facts-title">
      <h2 id="user-facts-title">Account</h2>
      {update.isError && confirming === null ? <Alert title="Not saved">{update.error.message}</Alert> : null}
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <UserStatus user={user} />
        </dd>
        <dt>Two-factor</dt>
        <dd>{user.mfaEnabled ? 'On' : 'Off'}</dd>
        <dt>Last login</dt>
        <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(user.createdAt)}</dd>
      </dl>
      <div className="field">
        <label className="field-label" htmlFor="user-role">
          Role
        </label>
        <div className="inline-input">
          <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {(['viewer', 'analyst', 'admin'] as const).map((r) => (
              <option key={r} value={r}>
                {ROLE_HELP[r]}
              </option>
            ))}
          </select>
          <Button onClick={saveRole} disabled={role === user.role} busy={update.isPending && confirming === null}>
            Change role
          </Button>
        </div>
      </div>
      <div className="form-actions">
        {isSelf ? null : <Button onClick={() => setResetting(true)}>Reset password</Button>}
        {user.mfaEnabled ? <Button onClick={() => setConfirming('mfa')}>Remove two-factor</Button> : null}
        <Button variant={user.disabled ? 'primary' : 'danger'} onClick={() => (user.disabled ? toggleDisabled() : setConfirming('disable'))}>
          {user.disabled ? 'Enable' : 'Disable'}
        </Button>
      </div>
      {isSelf ? <p className="small muted">Change your own password on your account page, with your current one.</p> : null}
      <ResetPasswordDialog user={user} open={resetting} onClose={() => setResetting(false)} />
      <ConfirmActionDialog
        open={confirming === 'disable'}
        title={`Disable ${user.displayName}?`}
        description="They are logged out everywhere, their API tokens are revoked, and they cannot log in until enabled again."
        confirmLabel="Disable"
        action={update}
        onClose={() => setConfirming(null)}
        onConfirm={toggleDisabled}
      />
      <ConfirmActionDialog
        open={confirming === 'mfa'}
        title={`Remove ${user.displayName}’s two-factor authentication?`}
        description="For a lost phone with no recovery code left: check it is really them asking first. Their sessions end; they can log in with the password alone and set it up again."
        confirmLabel="Remove two-factor"
        action={resetMfa}
        onClose={() => setConfirming(null)}
        onConfirm={() =>
          resetMfa.mutate(undefined, {
            onSuccess: () => {
              setConfirming(null);
              notify('Two-factor authentication removed.', 'success');
            },
          })
        }
      />
    </section>
  );
}
