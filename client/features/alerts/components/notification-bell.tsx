import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatRelative } from '#client/lib/format.ts';
import { useMinute } from '#client/lib/ticker.ts';
import type { Notification } from '#shared/schemas/alerts.ts';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications.ts';
import '../alerts.css';

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

function NotificationItem({ item, now, onOpen }: { item: Notification; now: number; onOpen: () => void }) {
  const markRead = useMarkRead();
  const unread = item.readAt === null;
  const open = () => {
    if (unread) markRead.mutate(item.id);
    onOpen();
  };
  return (
    <li className={`notification${unread ? ' notification-unread' : ''}`} data-notification-id={item.id}>
      {item.callId ? (
        <Link to={`/calls/${item.callId}`} className="notification-title" onClick={open}>
          {item.title}
        </Link>
      ) : (
        <span className="notification-title">{item.title}</span>
      )}
      <span className="notification-meta">
        <time dateTime={item.createdAt}>{formatRelative(item.createdAt, now)}</time>
        {unread ? (
          <button type="button" className="btn btn-ghost btn-small" disabled={markRead.isPending} onClick={() => markRead.mutate(item.id)}>
            Mark read
          </button>
        ) : null}
      </span>
    </li>
  );
}

/** The bell in the top bar: the unread count, live; a panel of the newest notifications, each linking to its call. */
export function NotificationBell() {
  const query = useNotifications();
  const markAll = useMarkAllRead();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const now = useMinute();
  const unread = query.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    const onClick = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const label = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <div className="bell" ref={root}>
      <button type="button" className="btn btn-ghost btn-small bell-button" aria-expanded={open} aria-controls={panelId} aria-label={label} title={label} onClick={() => setOpen(!open)}>
        <BellIcon />
        {unread > 0 ? (
          <span className="bell-count" data-testid="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div id={panelId} className="bell-panel card" role="region" aria-label="Notifications">
          <div className="bell-panel-head">
            <h2>Notifications</h2>
            <button type="button" className="btn btn-ghost btn-small" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
              Mark all read
            </button>
          </div>
          {query.isPending ? <p className="muted">Loading…</p> : null}
          {query.isError ? <p className="muted">Notifications could not be loaded.</p> : null}
          {query.data && query.data.items.length === 0 ? <p className="muted">Nothing yet. Alert rules you set up notify you here.</p> : null}
          <ul className="notification-list">
            {query.data?.items.map((item) => <NotificationItem key={item.id} item={item} now={now} onOpen={() => setOpen(false)} />)}
          </ul>
          <p className="bell-panel-foot">
            <Link to="/alerts" onClick={() => setOpen(false)}>
              Alert rules
            </Link>
          </p>
        </div>
      ) : null}
    </div>
  );
}
