import { dismissNotice, useNotices, type Notice as NoticeData } from '../../lib/notices.ts';

/** The page's notice area; live regions exist before any message arrives, as screen readers need. */
export function Notices() {
  const notices = useNotices();
  const errors = notices.filter((n) => n.tone === 'error');
  const others = notices.filter((n) => n.tone !== 'error');
  return (
    <div className="notices">
      <div role="alert" className="notices-stack">
        {errors.map((n) => (
          <Notice key={n.id} notice={n} />
        ))}
      </div>
      <div role="status" className="notices-stack">
        {others.map((n) => (
          <Notice key={n.id} notice={n} />
        ))}
      </div>
    </div>
  );
}

function Notice({ notice: { id, tone, message, action } }: { notice: NoticeData }) {
  return (
    <div className={`notice notice-${tone}`}>
      <span>{message}</span>
      {action ? (
        <button
          type="button"
          className="btn btn-small btn-secondary notice-action"
          onClick={() => {
            dismissNotice(id);
            action.run();
          }}
        >
          {action.label}
        </button>
      ) : null}
      <button type="button" className="notice-close" onClick={() => dismissNotice(id)} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
