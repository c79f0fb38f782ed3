import { PageHeader } from '#client/components/ui/page-header.tsx';
import { EmailBriefingForm } from '#client/features/account/components/email-briefing-form.tsx';
import { PasswordForm } from '#client/features/account/components/password-form.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { AccountCard } from '#client/features/settings/components/account-card.tsx';
import { AccountNav } from './account-nav.tsx';

export default function AccountPage() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="Your account" documentTitle="Password" subtitle="Your password, email and briefing, two-factor authentication, API tokens and sessions." />
      <AccountNav />
      <div className="account-grid">
        <AccountCard user={user} linkToAccount={false} />
        <section className="card account-card" aria-labelledby="password-title">
          <h2 id="password-title">Change password</h2>
          <p className="section-intro">Your other sessions end and your API tokens are revoked, so anyone who knew the old password is out.</p>
          <PasswordForm />
        </section>
        <section className="card account-card" aria-labelledby="email-title">
          <h2 id="email-title">Email and daily briefing</h2>
          <EmailBriefingForm user={user} />
        </section>
      </div>
    </>
  );
}
