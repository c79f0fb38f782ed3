import { SubNav } from '#client/components/ui/sub-nav.tsx';

const links = [
  { to: '/account', label: 'Password', end: true },
  { to: '/account/mfa', label: 'Two-factor' },
  { to: '/account/tokens', label: 'API tokens' },
  { to: '/account/sessions', label: 'Sessions' },
];

/** The tabs of the account's pages. */
export function AccountNav() {
  return <SubNav label="Your account" links={links} />;
}

const adminLinks = [
  { to: '/users', label: 'Users' },
  { to: '/audit', label: 'Audit log' },
  { to: '/webhooks', label: 'Webhooks' },
];

/** The tabs of the admin's pages. */
export function AdminNav() {
  return <SubNav label="Administration" links={adminLinks} />;
}
