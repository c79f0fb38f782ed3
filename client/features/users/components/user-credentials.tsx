import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { ConfirmActionDialog } from '#client/components/ui/confirm-delete-dialog.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { SessionsTable } from '#client/components/ui/sessions-table.tsx';
import { TokensTable } from '#client/components/ui/tokens-table.tsx';
import { notify } from '#client/lib/notices.ts';
import { useTick } from '#client/lib/ticker.ts';
import type { ApiToken, User } from '#shared/schemas/users.ts';
import { useEndUserSessions, useRevokeUserToken, userSessionsQuery, userTokensQuery } from '../api/users.ts';

const minuteOf = (now: number) => Math.floor(now / 60_000) * 60_000;

/** A user's API tokens and live sessions, which an admin may revoke and end. */
export function UserCredentials({ user }: { user: User }) {
  const tokens = useQuery(userTokensQuery(user.id));
  const sessions = useQuery(userSessionsQuery(user.id));
  const now = useTick(minuteOf);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [ending, setEnding] = useState(false);
  const revoke = useRevokeUserToken(user.id);
  const end = useEndUserSessions(user.id);

  return (
    <>
      <section className="card account-card" aria-labelledby="user-tokens-title">
        <h2 id="user-tokens-title">API tokens</h2>
        {tokens.isPending ? (
          <Loading label="Loading tokens…" />
        ) : tokens.isError ? (
          <Alert title="The tokens could not be loaded">{tokens.error.message}</Alert>
        ) : tokens.data.items.length === 0 ? (
          <EmptyState title="No tokens" />
        ) : (
          <TokensTable
            tokens={tokens.data.items}
            now={now}
            caption={`${user.displayName}’s API tokens`}
            action={(token) => (
              <Button size="small" variant="danger" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>
                Revoke
              </Button>
            )}
          />
        )}
      </section>
      <section className="card account-card" aria-labelledby="user-sessions-title">
        <div className="card-head">
          <h2 id="user-sessions-title">Sessions</h2>
          {sessions.data && sessions.data.items.length > 0 ? (
            <Button variant="danger" onClick={() => setEnding(true)}>
              End all sessions
            </Button>
          ) : null}
        </div>
        {sessions.isPending ? (
          <Loading label="Loading sessions…" />
        ) : sessions.isError ? (
          <Alert title="The sessions could not be loaded">{sessions.error.message}</Alert>
        ) : sessions.data.items.length === 0 ? (
          <EmptyState title="Not logged in anywhere" />
        ) : (
          <SessionsTable sessions={sessions.data.items} now={now} caption={`${user.displayName}’s sessions`} />
        )}
      </section>
      <ConfirmActionDialog
        open={revoking !== null}
        title={`Revoke ${user.displayName}’s token “${revoking?.name ?? ''}”?`}
        description="Scripts using it stop working at once."
        confirmLabel="Revoke"
        action={revoke}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              setRevoking(null);
              notify('Token revoked.', 'success');
            },
          })
        }
      />
      <ConfirmActionDialog
        open={ending}
        title={`Log ${user.displayName} out everywhere?`}
        description="Every session of theirs ends at once; they can log in again. Their API tokens keep working."
        confirmLabel="End all sessions"
        action={end}
        onClose={() => setEnding(false)}
        onConfirm={() =>
          end.mutate(undefined, {
            onSuccess: () => {
              setEnding(false);
              notify('Sessions ended.', 'success');
            },
          })
        }
      />
    </>
  );
}
