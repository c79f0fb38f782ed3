import { Link } from 'react-router';
import type { User } from '#shared/schemas/users.ts';
import { viewerTimeZone } from '#client/lib/time-zones.ts';

/** Who is logged in, and the zone times are shown in. */
export function AccountCard({ user, linkToAccount = true }: { user: User; linkToAccount?: boolean }) {
  return (
    <section className="card settings-card" aria-labelledby="account-title">
      <h2 id="account-title">Your account</h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{user.displayName}</dd>
        <dt>Username</dt>
        <dd>{user.username}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
        <dt>Times shown in</dt>
        <dd>{viewerTimeZone()} (this device's time zone)</dd>
      </dl>
      {linkToAccount ? (
        <p>
          <Link to="/account">Password, two-factor, API tokens and sessions</Link>
        </p>
      ) : null}
    </section>
  );
}
