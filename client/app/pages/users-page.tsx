import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { NewUserDialog } from '#client/features/users/components/new-user-dialog.tsx';
import { UsersList } from '#client/features/users/components/users-table.tsx';
import type { User } from '#shared/schemas/users.ts';
import { AdminNav } from './account-nav.tsx';

export default function UsersPage() {
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<{ user: User; password: string } | null>(null);
  return (
    <>
      <PageHeader
        title="Users"
        subtitle="Who may use Readout, and what they may do."
        actions={
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add user
          </Button>
        }
      />
      <AdminNav />
      {added ? (
        <Alert tone="success" title={`${added.user.displayName} can log in now`}>
          Pass on their username <strong>{added.user.username}</strong> and first password <code className="secret-inline">{added.password}</code>, by separate channels if you
          can. At their first login they choose their own password.
        </Alert>
      ) : null}
      <UsersList />
      <NewUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(user, password) => {
          setAdding(false);
          setAdded({ user, password });
        }}
      />
    </>
  );
}
