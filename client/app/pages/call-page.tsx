import { useParams } from 'react-router';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { CallView } from '#client/features/calls/components/call-view.tsx';
import { OfficialPicker } from '#client/features/officials/components/official-picker.tsx';
import { RoundSelect } from '#client/features/rounds/components/round-select.tsx';
import { hasRole } from '#shared/schemas/users.ts';

export default function CallPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  return <CallView key={id} id={id} canEdit={hasRole(user.role, 'analyst')} renderOfficialPicker={(props) => <OfficialPicker {...props} />} renderRoundSelect={(props) => <RoundSelect {...props} />} />;
}
