import { Suspense, useEffect, useLayoutEffect, useMemo } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Loading } from '../../components/ui/loading.tsx';
import { documentTitle, TitleSectionContext } from '../../lib/document-title.ts';
import { LeaveGuardRoot } from '../../lib/use-leave-guard.tsx';
import { ErrorBoundary } from '../error-boundary.tsx';
import { useLiveUpdates } from '../live-updates.ts';
import { navSection, TopNav } from './top-nav.tsx';

/** The frame of every page behind the login: navigation, then the page. */
export function AppLayout() {
  const location = useLocation();
  useLiveUpdates(true);
  useGlobalShortcuts();
  const path = location.pathname;
  const section = navSection(path);
  // Until the page (loading lazily, or its data) titles itself, the tab names
  // its section. A layout effect, so it runs before the page's own title effect.
  useLayoutEffect(() => {
    document.title = documentTitle([section]);
  }, [section, path]);
  const title = useMemo(() => ({ section, path }), [section, path]);
  return (
    <TitleSectionContext.Provider value={title}>
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
      <LeaveGuardRoot />
    </TitleSectionContext.Provider>
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
