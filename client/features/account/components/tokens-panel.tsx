import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { ConfirmActionDialog } from '#client/components/ui/confirm-delete-dialog.tsx';
import { EmptyState } from '#client/components/ui/empty-state.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { TokensTable } from '#client/components/ui/tokens-table.tsx';
import { notify } from '#client/lib/notices.ts';
import { useTick } from '#client/lib/ticker.ts';
import type { ApiToken } from '#shared/schemas/users.ts';
import { tokensQuery, useRevokeToken } from '../api/account.ts';
import { NewTokenDialog } from './new-token-dialog.tsx';

const minuteOf = (now: number) => Math.floor(now / 60_000) * 60_000;

/** The user's own API tokens: create one (its secret shown once), see when each was last used, revoke. */
export function TokensPanel() {
  const query = useInfiniteQuery(tokensQuery);
  const now = useTick(minuteOf);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useRevokeToken();

  const tokens = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card account-card" aria-labelledby="tokens-title">
      <div className="card-head">
        <h2 id="tokens-title">API tokens</h2>
        <Button variant="primary" onClick={() => setCreating(true)}>
          New token
        </Button>
      </div>
      <p className="section-intro">
        A token lets a script use the API as you, with your role: send it as <code>Authorization: Bearer …</code>. It stops working when it expires, when you revoke it, or
        when your password changes.
      </p>
      {query.isPending ? (
        <Loading label="Loading tokens…" />
      ) : query.isError ? (
        <Alert title="The tokens could not be loaded">{query.error.message}</Alert>
      ) : tokens.length === 0 ? (
        <EmptyState title="No tokens yet" />
      ) : (
        <>
          <TokensTable
            tokens={tokens}
            now={now}
            caption="Your API tokens"
            action={(token) => (
              <Button size="small" variant="danger" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>
                Revoke
              </Button>
            )}
          />
          <LoadMore pages={query} />
        </>
      )}
      <NewTokenDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmActionDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        description="Scripts using this token stop working at once. This cannot be undone."
        confirmLabel="Revoke"
        action={revoke}
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notify(`Token “${revoking.name}” revoked.`, 'success');
              setRevoking(null);
            },
          })
        }
      />
    </section>
  );
}
