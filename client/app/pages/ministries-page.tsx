import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '#client/components/ui/button.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { MinistriesList } from '#client/features/ministries/components/ministries-list.tsx';
import { MinistryFormDialog } from '#client/features/ministries/components/ministry-form.tsx';
import { CountryFilter } from '#client/features/ministries/components/ministry-select.tsx';
import { useListParams } from '#client/lib/use-list-params.ts';
import { hasRole } from '#shared/schemas/users.ts';

export default function MinistriesPage() {
  const id = useId();
  const canEdit = hasRole(useCurrentUser().role, 'analyst');
  const navigate = useNavigate();
  const [params, setParam] = useListParams(['q', 'country'] as const);
  const [creating, setCreating] = useState(false);
  const add = canEdit ? (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New ministry
    </Button>
  ) : null;
  return (
    <>
      <PageHeader title="Ministries" subtitle="The institutions officials belong to; response times are grouped by the callee's ministry." actions={add} />
      <form role="search" className="list-filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-q`}>
            Search name or short name
          </label>
          <input id={`${id}-q`} type="search" value={params.q} onChange={(event) => setParam('q', event.target.value)} />
        </div>
        <CountryFilter value={params.country} onChange={(country) => setParam('country', country)} />
      </form>
      <MinistriesList filters={{ q: params.q, country: params.country }} emptyAction={add} />
      {canEdit ? (
        <MinistryFormDialog open={creating} onClose={() => setCreating(false)} onSaved={(ministry) => void navigate(`/ministries/${encodeURIComponent(ministry.id)}`)} />
      ) : null}
    </>
  );
}
