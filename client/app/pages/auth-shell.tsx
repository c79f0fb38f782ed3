import type { ReactNode } from 'react';

/** The centred card around the setup and login forms. */
export function AuthShell({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
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
