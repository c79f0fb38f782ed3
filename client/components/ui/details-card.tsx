import type { ReactNode } from 'react';

/** A card titled "Details" holding a list of facts; children are its <dt>/<dd> pairs. */
export function DetailsCard({ titleId, children }: { titleId: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="card-title">
        Details
      </h2>
      <dl className="facts">{children}</dl>
    </section>
  );
}
