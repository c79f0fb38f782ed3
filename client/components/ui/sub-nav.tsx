import { NavLink } from 'react-router';

/** Tabs between the pages of one section (the account's, the admin's), as links. */
export function SubNav({ label, links }: { label: string; links: readonly { to: string; label: string; end?: boolean }[] }) {
  return (
    <nav className="subnav" aria-label={label}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end} className="subnav-link">
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
