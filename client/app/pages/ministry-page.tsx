import { useState } from 'react';
import { useParams } from 'react-router';
import { Button } from '#client/components/ui/button.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { OpenCallsToMinistry } from '#client/features/calls/components/open-calls.tsx';
import { MinistrySelect } from '#client/features/ministries/components/ministry-select.tsx';
import { MinistryView } from '#client/features/ministries/components/ministry-view.tsx';
import { OfficialFormDialog } from '#client/features/officials/components/official-form.tsx';
import { OfficialsList } from '#client/features/officials/components/officials-list.tsx';
import { MinistrySurvival } from '#client/features/stats/components/ministry-survival.tsx';
import { hasRole } from '#shared/schemas/users.ts';

export default function MinistryPage() {
  const { id = '' } = useParams();
  const canEdit = hasRole(useCurrentUser().role, 'analyst');
  const [adding, setAdding] = useState(false);
  return (
    <MinistryView
      key={id}
      id={id}
      canEdit={canEdit}
      openCalls={<OpenCallsToMinistry ministryId={id} />}
      responseTimes={<MinistrySurvival ministryId={id} />}
      officials={() => (
        <>
          {canEdit ? (
            <p>
              <Button size="small" onClick={() => setAdding(true)}>
                Add an official to this ministry
              </Button>
            </p>
          ) : null}
          <OfficialsList filters={{ ministryId: id }} hideMinistry />
          {canEdit ? (
            <OfficialFormDialog
              open={adding}
              ministryId={id}
              onClose={() => setAdding(false)}
              renderMinistrySelect={(props) => <MinistrySelect {...props} emptyLabel="Choose a ministry…" />}
            />
          ) : null}
        </>
      )}
    />
  );
}
