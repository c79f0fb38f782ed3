import { useParams } from 'react-router';
import { BackLink } from '#client/components/ui/back-link.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { UserView } from '#client/features/users/components/user-view.tsx';
import { AdminNav } from './account-nav.tsx';

export default function UserPage() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  return (
    <>
      <BackLink to="/users">All users</BackLink>
      <UserView id={id} isSelf={id === me.id} nav={<AdminNav />} />
    </>
  );
}
