import { useNavigate } from 'react-router';
import { Button } from '#client/components/ui/button.tsx';
import { MfaEnrol } from '#client/features/account/components/mfa-enrol.tsx';
import { PasswordForm } from '#client/features/account/components/password-form.tsx';
import { useLogout } from '#client/features/auth/api/auth.ts';
import type { Me } from '#shared/schemas/users.ts';
import { AuthShell } from './auth-shell.tsx';

function LogOut() {
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Button variant="ghost" busy={logout.isPending} onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}>
      Log out
    </Button>
  );
}

/**
 * What an account must do before anything else: choose its own password
 * (an admin set this one), or set up two-factor authentication (its grace
 * period is over). The server refuses everything else meanwhile.
 */
export default function OwedStepsPage({ user }: { user: Me }) {
  if (user.mustChangePassword) {
    return (
      <AuthShell title="Choose your password" intro={`Welcome, ${user.displayName}. The password you logged in with was set by an admin; choose your own to go on.`}>
        <PasswordForm forced />
        <LogOut />
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Set up two-factor authentication" intro="Your account must use two-factor authentication, and its grace period is over. Set it up to go on.">
      <MfaEnrol onDone={() => undefined} />
      <LogOut />
    </AuthShell>
  );
}
