import { Link } from 'react-router';

/** The line under a record's page header that leads back to its list ("← All calls"). */
export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <p className="back-link">
      <Link to={to}>← {children}</Link>
    </p>
  );
}
