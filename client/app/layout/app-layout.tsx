import { Suspense, useEffect } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../../components/ui/loading.tsx';
import { ErrorBoundary } from '../error-boundary.tsx';
import { useLiveUpdates } from '../live-updates.ts';
import { TopNav } from './top-nav.tsx';

/** The frame of every page behind the login: navigation, then the page. */
export function AppLayout() {
  const location = useLocation();
  useLiveUpdates(true);
  useGlobalShortcuts();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopNav />
      <main id="main" className="page" tabIndex={-1}>
        <ErrorBoundary label="This page" resetKey={location.pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}

/** "n" opens the log-a-call form from anywhere, unless the analyst is typing. */
function useGlobalShortcuts() {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.key === 'n') {
        event.preventDefault();
        void navigate('/log');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
}
