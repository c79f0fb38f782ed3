import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Loading } from '../components/ui/loading.tsx';
import { AdminOnly, AuthGate } from './auth-gate.tsx';
import { RouteError } from './error-boundary.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { BoardPage } from './pages/board-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';

// The board is the page analysts keep open, so it ships in the main bundle;
// every other page loads when first visited (the charts page pulls in recharts),
// the login and setup pages too: with a session, the board never needs them.
const LoginPage = lazy(() => import('./pages/login-page.tsx'));
const SetupPage = lazy(() => import('./pages/setup-page.tsx'));
const LogCallPage = lazy(() => import('./pages/log-call-page.tsx'));
const SettingsPage = lazy(() => import('./pages/settings-page.tsx'));
const CallsPage = lazy(() => import('./pages/calls-page.tsx'));
const CallPage = lazy(() => import('./pages/call-page.tsx'));
const OfficialsPage = lazy(() => import('./pages/officials-page.tsx'));
const OfficialPage = lazy(() => import('./pages/official-page.tsx'));
const MinistriesPage = lazy(() => import('./pages/ministries-page.tsx'));
const MinistryPage = lazy(() => import('./pages/ministry-page.tsx'));
const ResponseTimesPage = lazy(() => import('./pages/response-times-page.tsx'));
const DataPage = lazy(() => import('./pages/data-page.tsx'));
const AccountPage = lazy(() => import('./pages/account-page.tsx'));
const AccountMfaPage = lazy(() => import('./pages/account-mfa-page.tsx'));
const AccountTokensPage = lazy(() => import('./pages/account-tokens-page.tsx'));
const AccountSessionsPage = lazy(() => import('./pages/account-sessions-page.tsx'));
const UsersPage = lazy(() => import('./pages/users-page.tsx'));
const UserPage = lazy(() => import('./pages/user-page.tsx'));
const AuditPage = lazy(() => import('./pages/audit-page.tsx'));
const AlertRulesPage = lazy(() => import('./pages/alert-rules-page.tsx'));
const WebhooksPage = lazy(() => import('./pages/webhooks-page.tsx'));
const WebhookPage = lazy(() => import('./pages/webhook-page.tsx'));
const RoundsPage = lazy(() => import('./pages/rounds-page.tsx'));
const RoundPage = lazy(() => import('./pages/round-page.tsx'));
const LogRoundPage = lazy(() => import('./pages/log-round-page.tsx'));
const BriefingPage = lazy(() => import('./pages/briefing-page.tsx'));

/** A page outside the app's frame (whose <Suspense> the other pages load in). */
function Standalone({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export const routes: RouteObject[] = [
  { path: '/setup', element: <Standalone><SetupPage /></Standalone>, errorElement: <RouteError /> },
  { path: '/login', element: <Standalone><LoginPage /></Standalone>, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <AuthGate>
        <AppLayout />
      </AuthGate>
    ),
    errorElement: <RouteError />,
    children: [
      {
        // A page that throws keeps the navigation around its error message.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <BoardPage /> },
          { path: 'log', element: <LogCallPage /> },
          { path: 'briefing', element: <BriefingPage /> },
          { path: 'calls', element: <CallsPage /> },
          { path: 'calls/:id', element: <CallPage /> },
          { path: 'rounds', element: <RoundsPage /> },
          { path: 'rounds/new', element: <LogRoundPage /> },
          { path: 'rounds/:id', element: <RoundPage /> },
          { path: 'officials', element: <OfficialsPage /> },
          { path: 'officials/:id', element: <OfficialPage /> },
          { path: 'ministries', element: <MinistriesPage /> },
          { path: 'ministries/:id', element: <MinistryPage /> },
          { path: 'stats', element: <ResponseTimesPage /> },
          { path: 'data', element: <DataPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'alerts', element: <AlertRulesPage /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'account/mfa', element: <AccountMfaPage /> },
          { path: 'account/tokens', element: <AccountTokensPage /> },
          { path: 'account/sessions', element: <AccountSessionsPage /> },
          { path: 'users', element: <AdminOnly><UsersPage /></AdminOnly> },
          { path: 'users/:id', element: <AdminOnly><UserPage /></AdminOnly> },
          { path: 'audit', element: <AdminOnly><AuditPage /></AdminOnly> },
          { path: 'webhooks', element: <AdminOnly><WebhooksPage /></AdminOnly> },
          { path: 'webhooks/:id', element: <AdminOnly><WebhookPage /></AdminOnly> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
