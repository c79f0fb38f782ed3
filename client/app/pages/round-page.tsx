import { useParams } from 'react-router';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { OfficialPicker } from '#client/features/officials/components/official-picker.tsx';
import { RoundView } from '#client/features/rounds/components/round-view.tsx';
import { hasRole } from '#shared/schemas/users.ts';

export default function RoundPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  return <RoundView key={id} id={id} canEdit={hasRole(user.role, 'analyst')} renderOfficialPicker={(props) => <OfficialPicker {...props} />} />;
}
