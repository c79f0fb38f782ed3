import { PageHeader } from '#client/components/ui/page-header.tsx';
import { SessionsPanel } from '#client/features/account/components/sessions-panel.tsx';
import { AccountNav } from './account-nav.tsx';

export default function AccountSessionsPage() {
  return (
    <>
      <PageHeader title="Your account" documentTitle="Sessions" subtitle="Your password, two-factor authentication, API tokens and sessions." />
      <AccountNav />
      <SessionsPanel />
    </>
  );
}
