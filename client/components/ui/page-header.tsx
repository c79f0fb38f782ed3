import type { ReactNode } from 'react';
import { useDocumentTitle } from '#client/lib/document-title.ts';

/**
 * The page's one h1, with an optional line below and actions on the right.
 * It also titles the document: `documentTitle` when the tab should read
 * otherwise than the heading (the board's tab says "Board").
 */
export function PageHeader({ title, subtitle, actions, documentTitle }: { title: string; subtitle?: ReactNode; actions?: ReactNode; documentTitle?: string }) {
  useDocumentTitle([documentTitle ?? title]);
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}
