import { Navigate, useNavigate } from 'react-router';
import { Loading } from '#client/components/ui/loading.tsx';
import { useSetupStatus } from '#client/features/auth/api/auth.ts';
import { SetupForm } from '#client/features/auth/components/setup-form.tsx';
import { AuthShell } from './auth-shell.tsx';

export default function SetupPage() {
  const setup = useSetupStatus();
  const navigate = useNavigate();
  if (setup.isPending) return <Loading />;
  if (setup.data && !setup.data.needsSetup) return <Navigate to="/" replace />;
  return (
    <AuthShell title="Welcome to Readout" documentTitle="Set up" intro="Nobody has an account yet. Create the first one: it will be the administrator, who can invite the other analysts.">
      <SetupForm onDone={() => void navigate('/', { replace: true })} />
    </AuthShell>
  );
}
