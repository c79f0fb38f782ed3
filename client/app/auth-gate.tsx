import { lazy, type ReactNode, Suspense, useContext } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Alert } from '../components/ui/alert.tsx';
import { Loading } from '../components/ui/loading.tsx';
import { CurrentUserContext, useMe, useSetupStatus } from '../features/auth/api/auth.ts';

// Rarely shown, and it brings the QR code renderer: loaded only when needed.
const OwedStepsPage = lazy(() => import('./pages/owed-steps-page.tsx'));

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
  // A forced password change or an overdue two-factor enrolment comes before any page.
  if (me.data.mustChangePassword || me.data.mfaEnrolmentDue) {
    return (
      <Suspense fallback={<FullPage><Loading /></FullPage>}>
        <OwedStepsPage user={me.data} />
      </Suspense>
    );
  }
  return <CurrentUserContext.Provider value={me.data}>{children}</CurrentUserContext.Provider>;
}

function FullPage({ children }: { children: ReactNode }) {
  return <main className="full-page">{children}</main>;
}

/** Pages for admins only; anyone else reads why instead (the server refuses them anyway). */
export function AdminOnly({ children }: { children: ReactNode }) {
  const user = useContext(CurrentUserContext);
  if (user?.role !== 'admin') return <Alert title="For admins only">Ask an admin of this Readout if you need something done here.</Alert>;
  return children;
}
