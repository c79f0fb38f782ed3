import { useNavigate, useSearchParams } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { MfaPanel } from '#client/features/account/components/mfa-panel.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { formatDate } from '#client/lib/format.ts';
import { AccountNav } from './account-nav.tsx';
import { safeNext } from './login-page.tsx';

/** Two-factor settings; after a login in the grace period, also the prompt to set it up (`?next=`). */
export default function AccountMfaPage() {
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get('next');
  const prompting = next !== null && !user.mfaEnabled && user.mfaGraceEndsAt !== null;
  return (
    <>
      <PageHeader title="Your account" documentTitle="Two-factor" subtitle="Your password, two-factor authentication, API tokens and sessions." />
      <AccountNav />
      {prompting ? (
        <Alert tone="warning" title="Set up two-factor authentication">
          <p>
            Your account must use it from {formatDate(user.mfaGraceEndsAt!)}. It takes a minute; until then Readout asks at every login.
          </p>
          <Button onClick={() => void navigate(safeNext(next), { replace: true })}>Not now</Button>
        </Alert>
      ) : null}
      <MfaPanel />
    </>
  );
}
