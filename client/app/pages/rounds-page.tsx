import { Link } from 'react-router';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { RoundsList } from '#client/features/rounds/components/rounds-list.tsx';
import { hasRole } from '#shared/schemas/users.ts';

export default function RoundsPage() {
  const canLog = hasRole(useCurrentUser().role, 'analyst');
  return (
    <>
      <PageHeader
        title="Rounds"
        subtitle="The calls placed because of one event, and how far their replies have come."
        actions={
          canLog ? (
            <Link to="/rounds/new" className="btn btn-primary">
              Log a round
            </Link>
          ) : undefined
        }
      />
      <RoundsList canLog={canLog} />
    </>
  );
}
