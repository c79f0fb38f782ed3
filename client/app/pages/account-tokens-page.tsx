import { PageHeader } from '#client/components/ui/page-header.tsx';
import { TokensPanel } from '#client/features/account/components/tokens-panel.tsx';
import { AccountNav } from './account-nav.tsx';

export default function AccountTokensPage() {
  return (
    <>
      <PageHeader title="Your account" documentTitle="API tokens" subtitle="Your password, two-factor authentication, API tokens and sessions." />
      <AccountNav />
      <TokensPanel />
    </>
  );
}
