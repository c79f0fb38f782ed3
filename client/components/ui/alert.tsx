import type { ReactNode } from 'react';

/** A message block: errors are announced at once (role=alert), the rest politely. */
export function Alert({ tone = 'error', title, children }: { tone?: 'error' | 'info' | 'success' | 'warning'; title?: string; children?: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children ? <div className="alert-body">{children}</div> : null}
    </div>
  );
}
