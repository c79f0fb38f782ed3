import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '#client/components/ui/button.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { MinistryFilter, MinistrySelect } from '#client/features/ministries/components/ministry-select.tsx';
import { OfficialFormDialog } from '#client/features/officials/components/official-form.tsx';
import { OfficialsList } from '#client/features/officials/components/officials-list.tsx';
import { useListParams } from '#client/lib/use-list-params.ts';
import { hasRole } from '#shared/schemas/users.ts';

export default function OfficialsPage() {
  const id = useId();
  const canEdit = hasRole(useCurrentUser().role, 'analyst');
  const navigate = useNavigate();
  const [params, setParam] = useListParams(['q', 'ministry'] as const);
  const [creating, setCreating] = useState(false);
  const add = canEdit ? (
    <Button variant="primary" onClick={() => setCreating(true)}>
      New official
    </Button>
  ) : null;
  return (
    <>
      <PageHeader title="Officials" subtitle="The people who place and receive calls, with their local time." actions={add} />
      <form role="search" className="list-filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-q`}>
            Search name or title
          </label>
          <input id={`${id}-q`} type="search" value={params.q} onChange={(event) => setParam('q', event.target.value)} />
        </div>
        <MinistryFilter value={params.ministry} onChange={(ministryId) => setParam('ministry', ministryId)} />
      </form>
      <OfficialsList filters={{ q: params.q, ministryId: params.ministry }} emptyAction={add} />
      {canEdit ? (
        <OfficialFormDialog
          open={creating}
          ministryId={params.ministry || undefined}
          onClose={() => setCreating(false)}
          onSaved={(official) => void navigate(`/officials/${encodeURIComponent(official.id)}`)}
          renderMinistrySelect={(props) => <MinistrySelect {...props} emptyLabel="Choose a ministry…" />}
        />
      ) : null}
    </>
  );
}
