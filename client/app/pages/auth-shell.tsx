import type { ReactNode } from 'react';
import { useDocumentTitle } from '#client/lib/document-title.ts';

/** The centred card around the setup and login forms. */
export function AuthShell({ title, documentTitle, intro, children }: { title: string; documentTitle?: string; intro?: ReactNode; children: ReactNode }) {
  useDocumentTitle([documentTitle ?? title]);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="auth-brand">
          <span className="brand-mark" aria-hidden="true">R</span> Readout
        </p>
        <h1>{title}</h1>
        {intro ? <p className="auth-intro">{intro}</p> : null}
        {children}
      </div>
    </main>
  );
}
