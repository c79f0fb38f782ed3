import { Link, useNavigate } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { MinistryPicker } from '#client/features/ministries/components/ministry-picker.tsx';
import { OfficialPicker } from '#client/features/officials/components/official-picker.tsx';
import { RoundForm } from '#client/features/rounds/components/round-form.tsx';
import { notify } from '#client/lib/notices.ts';
import { hasRole } from '#shared/schemas/users.ts';

export default function LogRoundPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  if (!hasRole(user.role, 'analyst')) {
    return (
      <>
        <PageHeader title="Log a round" />
        <Alert tone="info">Your account can view rounds but not log them. Ask an administrator for the analyst role.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Log a round"
        subtitle={
          <>
            One event, who reached out, and everyone called: each callee becomes a call, all stored together. <Link to="/rounds">All rounds</Link>
          </>
        }
      />
      <RoundForm
        renderOfficialPicker={(props) => <OfficialPicker {...props} renderMinistryField={(field) => <MinistryPicker {...field} />} />}
        onLogged={(round) => {
          notify(`Logged the round “${round.title}”: ${round.summary.calls} call${round.summary.calls === 1 ? '' : 's'}, now on the board.`, 'success');
          void navigate(`/rounds/${encodeURIComponent(round.id)}`);
        }}
      />
    </>
  );
}
