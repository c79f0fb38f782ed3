import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Button } from '#client/components/ui/button.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { OpenCallsToMinistry } from '#client/features/calls/components/open-calls.tsx';
import { MinistrySelect } from '#client/features/ministries/components/ministry-select.tsx';
import { MinistryView, ministryDeleteBlocked } from '#client/features/ministries/components/ministry-view.tsx';
import { officialsListQuery } from '#client/features/officials/api/officials.ts';
import { OfficialFormDialog } from '#client/features/officials/components/official-form.tsx';
import { OfficialsList } from '#client/features/officials/components/officials-list.tsx';
import { MinistrySurvival } from '#client/features/stats/components/ministry-survival.tsx';
import { hasRole } from '#shared/schemas/users.ts';

export default function MinistryPage() {
  const { id = '' } = useParams();
  const canEdit = hasRole(useCurrentUser().role, 'analyst');
  const [adding, setAdding] = useState(false);
  // The same first page the officials list below shows: the server refuses to delete a ministry that has any.
  const members = useInfiniteQuery({ ...officialsListQuery({ ministryId: id }), enabled: canEdit });
  const firstPage = members.data?.pages[0];
  const deleteBlocked = firstPage ? ministryDeleteBlocked(firstPage.items.length, firstPage.nextCursor !== null) : null;
  return (
    <MinistryView
      key={id}
      id={id}
      canEdit={canEdit}
      deleteBlocked={deleteBlocked}
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
