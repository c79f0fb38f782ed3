import { useParams } from 'react-router';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { RecentCallsOf } from '#client/features/calls/components/recent-calls.tsx';
import { MinistrySelect } from '#client/features/ministries/components/ministry-select.tsx';
import { OfficialView } from '#client/features/officials/components/official-view.tsx';
import { hasRole } from '#shared/schemas/users.ts';

export default function OfficialPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  return (
    <OfficialView
      key={id}
      id={id}
      canEdit={hasRole(user.role, 'analyst')}
      renderMinistrySelect={(props) => <MinistrySelect {...props} emptyLabel="Choose a ministry…" />}
      recentCalls={<RecentCallsOf officialId={id} />}
    />
  );
}
