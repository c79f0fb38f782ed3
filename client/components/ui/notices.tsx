import { dismissNotice, useNotices } from '../../lib/notices.ts';

/** The page's notice area; live regions exist before any message arrives, as screen readers need. */
export function Notices() {
  const notices = useNotices();
  const errors = notices.filter((n) => n.tone === 'error');
  const others = notices.filter((n) => n.tone !== 'error');
  return (
    <div className="notices">
      <div role="alert" className="notices-stack">
        {errors.map((n) => (
          <Notice key={n.id} id={n.id} tone={n.tone} message={n.message} />
        ))}
      </div>
      <div role="status" className="notices-stack">
        {others.map((n) => (
          <Notice key={n.id} id={n.id} tone={n.tone} message={n.message} />
        ))}
      </div>
    </div>
  );
}

function Notice({ id, tone, message }: { id: number; tone: string; message: string }) {
  return (
    <div className={`notice notice-${tone}`}>
      <span>{message}</span>
      <button type="button" className="notice-close" onClick={() => dismissNotice(id)} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
