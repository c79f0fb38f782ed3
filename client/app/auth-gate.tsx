import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Alert } from '../components/ui/alert.tsx';
import { Loading } from '../components/ui/loading.tsx';
import { CurrentUserContext, useMe, useSetupStatus } from '../features/auth/api/auth.ts';

/**
 * Lets its children render only for a logged-in user: a fresh install goes
 * to /setup, anyone else without a session to /login (and back here after).
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const location = useLocation();
  const setup = useSetupStatus();
  const me = useMe();

  if (setup.isPending || me.isPending) return <FullPage><Loading label="Opening Readout…" /></FullPage>;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (me.isError) {
    return (
      <FullPage>
        <Alert title="Readout cannot reach its server">{me.error.message}. Check that the server is running, then reload the page.</Alert>
      </FullPage>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <CurrentUserContext.Provider value={me.data}>{children}</CurrentUserContext.Provider>;
}

function FullPage({ children }: { children: ReactNode }) {
  return <main className="full-page">{children}</main>;
}
