import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { ConfirmDeleteDialog } from '#client/components/ui/confirm-delete-dialog.tsx';
import { LoadMore } from '#client/components/ui/load-more.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { SessionsTable } from '#client/components/ui/sessions-table.tsx';
import { notify } from '#client/lib/notices.ts';
import { useTick } from '#client/lib/ticker.ts';
import type { Session } from '#shared/schemas/auth.ts';
import { sessionsQuery, useEndSession, useLogoutEverywhere } from '../api/account.ts';
import { useReauth, wasCancelled } from './reauth.tsx';

const minuteOf = (now: number) => Math.floor(now / 60_000) * 60_000;

/** Where the user is logged in; end any session, or all of them. */
export function SessionsPanel() {
  const query = useInfiniteQuery(sessionsQuery);
  const now = useTick(minuteOf);
  const navigate = useNavigate();
  const [ending, setEnding] = useState<Session | 'all' | null>(null);
  const endOne = useEndSession();
  const endAll = useLogoutEverywhere();
  const reauth = useReauth();
  const [error, setError] = useState<string | null>(null);

  const sessions = query.data?.pages.flatMap((page) => page.items) ?? [];
  const close = () => {
    setEnding(null);
    setError(null);
  };
  const confirm = () => {
    const target = ending;
    if (!target) return;
    const action = target === 'all' ? () => endAll.mutateAsync() : () => endOne.mutateAsync(target.id);
    reauth
      .run(action)
      .then(() => {
        setEnding(null);
        if (target === 'all' || target.current) void navigate('/login', { replace: true });
        else notify('Session ended.', 'success');
      })
      .catch((failure: unknown) => {
        if (!wasCancelled(failure)) setError(failure instanceof Error ? failure.message : 'Not ended.');
      });
  };

  return (
    <section className="card account-card" aria-labelledby="sessions-title">
      <div className="card-head">
        <h2 id="sessions-title">Sessions</h2>
        <Button variant="danger" onClick={() => setEnding('all')}>
          Log out everywhere
        </Button>
      </div>
      <p className="section-intro">Each login is a session. It ends when you log out, after a while unused, or some hours after the login, whichever comes first. End any you do not recognise, then change your password.</p>
      {query.isPending ? (
        <Loading label="Loading sessions…" />
      ) : query.isError ? (
        <Alert title="The sessions could not be loaded">{query.error.message}</Alert>
      ) : (
        <>
          <SessionsTable
            sessions={sessions}
            now={now}
            caption="Your sessions"
            action={(session) => (
              <Button size="small" onClick={() => setEnding(session)}>
                {session.current ? 'Log out' : 'End'}
              </Button>
            )}
          />
          <LoadMore pages={query} />
        </>
      )}
      <ConfirmDeleteDialog
        open={ending !== null}
        title={ending === 'all' ? 'Log out everywhere?' : ending?.current ? 'Log out of this session?' : 'End this session?'}
        description={
          ending === 'all'
            ? 'Every session of yours ends, this one too: you will log in again here. API tokens keep working; revoke them under API tokens.'
            : 'Whoever uses that session is logged out at once, and its live updates stop.'
        }
        confirmLabel={ending === 'all' ? 'Log out everywhere' : 'End session'}
        error={error}
        busy={endOne.isPending || endAll.isPending}
        onClose={close}
        onConfirm={confirm}
      />
      {reauth.dialog}
    </section>
  );
}
