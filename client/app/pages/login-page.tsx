import { Navigate, useSearchParams } from 'react-router';
import { Loading } from '#client/components/ui/loading.tsx';
import { useMe, useSetupStatus } from '#client/features/auth/api/auth.ts';
import { LoginForm } from '#client/features/auth/components/login-form.tsx';
import { AuthShell } from './auth-shell.tsx';

/** Only paths inside the app, so a crafted link cannot send a user elsewhere after login. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const setup = useSetupStatus();
  const me = useMe();
  const next = safeNext(params.get('next'));

  if (setup.isPending || me.isPending) return <Loading />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  // Logging in sets who is logged in, and this sends them on: an admin still in
  // the two-factor grace period is asked to set it up at every login first.
  if (me.data) return <Navigate to={me.data.mfaGraceEndsAt && !me.data.mfaEnrolmentDue ? `/account/mfa?next=${encodeURIComponent(next)}` : next} replace />;
  return (
    <AuthShell title="Log in" intro="Who owes a call back, since when, and whether that is normal for them.">
      <LoginForm />
    </AuthShell>
  );
}
