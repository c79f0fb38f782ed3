import { useEffect } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useScrollOverflow } from '#client/lib/use-scroll-overflow.ts';
import { hasRole } from '#shared/schemas/users.ts';
import { NotificationBell } from '../../features/alerts/components/notification-bell.tsx';
import { useCurrentUser, useLogout } from '../../features/auth/api/auth.ts';

const links = [
  { to: '/', label: 'Board', end: true },
  { to: '/calls', label: 'Calls' },
  { to: '/rounds', label: 'Rounds' },
  { to: '/officials', label: 'Officials' },
  { to: '/ministries', label: 'Ministries' },
  { to: '/stats', label: 'Response times' },
  { to: '/data', label: 'Import & export' },
  { to: '/settings', label: 'Settings' },
];

const adminLinks: typeof links = [{ to: '/users', label: 'Admin', end: false }];
const analystLinks: typeof links = [{ to: '/alerts', label: 'Alerts', end: false }];
// On phones the user's name (the link to their account) gives way: the account is then a nav item.
const accountLink: typeof links = [{ to: '/account', label: 'Account', end: false }];

/** The admin's pages are users, the audit log and webhooks: the one nav item stands for them all. */
function isAdminPath(pathname: string): boolean {
  return /^\/(users|audit|webhooks)(\/|$)/.test(pathname);
}

/** The nav item a page belongs to ("Ministries" for /ministries/…), which the document title names. */
export function navSection(pathname: string): string | undefined {
  if (isAdminPath(pathname)) return adminLinks[0]!.label;
  const link = [...links, ...analystLinks, ...accountLink].find((l) => (l.end ? pathname === l.to : pathname === l.to || pathname.startsWith(`${l.to}/`)));
  return link?.label;
}

export function TopNav() {
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [listRef, overflow, list] = useScrollOverflow<HTMLUListElement>();
  // On a phone the row of links scrolls: the current page's link is brought into view.
  useEffect(() => {
    list?.querySelector('[aria-current="page"]')?.scrollIntoView?.({ block: 'nearest', inline: 'center' });
  }, [list, pathname]);
  const scroll = (direction: 1 | -1) => list?.scrollBy({ left: direction * list.clientWidth * 0.6, behavior: 'smooth' });
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <NavLink to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">R</span>
          <span className="brand-name">Readout</span>
        </NavLink>
        <nav aria-label="Main" className="mainnav" data-more-before={overflow.before || undefined} data-more-after={overflow.after || undefined}>
          {/* For pointers: keyboard focus scrolls each link into view by itself, so these stay out of the tab order. */}
          {overflow.before ? (
            <button type="button" className="mainnav-more mainnav-more-before" aria-hidden="true" tabIndex={-1} onClick={() => scroll(-1)}>
              ‹
            </button>
          ) : null}
          <ul ref={listRef}>
            {[...links.slice(0, -1), ...(hasRole(user.role, 'analyst') ? analystLinks : []), ...links.slice(-1), ...(user.role === 'admin' ? adminLinks : []), ...accountLink].map((link) => (
              <li key={link.to} className={link.to === '/account' ? 'mainnav-phone-only' : undefined}>
                {link.to === '/users' ? (
                  <Link to={link.to} className="mainnav-link" aria-current={isAdminPath(pathname) ? 'page' : undefined}>
                    {link.label}
                  </Link>
                ) : (
                  <NavLink to={link.to} end={link.end} className="mainnav-link">
                    {link.label}
                  </NavLink>
                )}
              </li>
            ))}
          </ul>
          {overflow.after ? (
            <button type="button" className="mainnav-more mainnav-more-after" aria-hidden="true" tabIndex={-1} onClick={() => scroll(1)}>
              ›
            </button>
          ) : null}
        </nav>
        <div className="usermenu">
          {hasRole(user.role, 'analyst') ? (
            <NavLink to="/log" className="btn btn-primary btn-small" aria-keyshortcuts="n" title="Log a call (shortcut: n)">
              Log a call <kbd className="kbd kbd-hint">n</kbd>
            </NavLink>
          ) : null}
          <NotificationBell />
          <NavLink to="/account" className="usermenu-name" title={`Your account: ${user.username} · ${user.role}`}>
            {user.displayName}
          </NavLink>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
          >
            Log out
          </button>
        </div>
      </div>
    </header>
  );
}
