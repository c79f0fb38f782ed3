import { PageHeader } from '#client/components/ui/page-header.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { AccountCard } from '#client/features/settings/components/account-card.tsx';
import { ThemePicker } from '#client/features/settings/components/theme-picker.tsx';
import { ThresholdsForm } from '#client/features/settings/components/thresholds-form.tsx';

export default function SettingsPage() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="Settings" />
      <div className="settings-grid">
        <ThresholdsForm />
        <ThemePicker />
        <AccountCard user={user} />
      </div>
    </>
  );
}
