import type { ReactNode } from 'react';

/** The tooltip box every stats chart uses, readable in both themes. */
export function TooltipBox({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="stats-tooltip">
      <p className="stats-tooltip-title">{title}</p>
      {children}
    </div>
  );
}

export function Swatch({ colour }: { colour: string }) {
  return <span className="stats-swatch" style={{ background: colour }} aria-hidden="true" />;
}
