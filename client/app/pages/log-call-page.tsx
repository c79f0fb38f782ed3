import { Link, useNavigate } from 'react-router';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { LogCallForm } from '#client/features/log-call/components/log-call-form.tsx';
import { MinistryPicker } from '#client/features/ministries/components/ministry-picker.tsx';
import { OfficialPicker } from '#client/features/officials/components/official-picker.tsx';
import { RoundSelect } from '#client/features/rounds/components/round-select.tsx';
import { Alert } from '#client/components/ui/alert.tsx';
import { notify } from '#client/lib/notices.ts';
import { hasRole } from '#shared/schemas/users.ts';

export default function LogCallPage() {
  const navigate = useNavigate();
  const user = useCurrentUser();
  if (!hasRole(user.role, 'analyst')) {
    return (
      <>
        <PageHeader title="Log a call" />
        <Alert tone="info">Your account can view calls but not log them. Ask an administrator for the analyst role.</Alert>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Log a call" subtitle={<>Who called whom, when, and about what. <Link to="/">Back to the board</Link></>} />
      <LogCallForm
        renderOfficialPicker={(props) => <OfficialPicker {...props} renderMinistryField={(field) => <MinistryPicker {...field} />} />}
        renderRoundSelect={(props) => <RoundSelect {...props} />}
        onLogged={(call, another) => {
          const outcome = call.status === 'awaiting' ? 'now on the board' : call.status;
          notify(`Logged: ${call.caller.name} → ${call.callee.name}, ${outcome}.`, 'success');
          if (!another) void navigate(call.status === 'awaiting' ? '/' : `/calls/${call.id}`);
        }}
      />
    </>
  );
}
