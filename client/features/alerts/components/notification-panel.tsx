import { Link } from 'react-router';
import { formatRelative } from '#client/lib/format.ts';
import { useMinute } from '#client/lib/ticker.ts';
import type { Notification } from '#shared/schemas/alerts.ts';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications.ts';

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

/** The bell's panel: the newest notifications, each linking to its call, and "mark all read". */
export function NotificationPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const query = useNotifications();
  const markAll = useMarkAllRead();
  const now = useMinute();
  const unread = query.data?.unread ?? 0;
  return (
    <div id={id} className="bell-panel card" role="region" aria-label="Notifications">
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
        {query.data?.items.map((item) => <NotificationItem key={item.id} item={item} now={now} onOpen={onClose} />)}
      </ul>
      <p className="bell-panel-foot">
        <Link to="/alerts" onClick={onClose}>
          Alert rules
        </Link>
      </p>
    </div>
  );
}
