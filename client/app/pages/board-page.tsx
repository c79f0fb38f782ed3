import { PageHeader } from '#client/components/ui/page-header.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { AwaitingBoard } from '#client/features/board/components/awaiting-board.tsx';
import { RowTimerExtra } from '#client/features/board/components/awaiting-row.tsx';
import { WaitContext } from '#client/features/stats/components/wait-context.tsx';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { hasRole } from '#shared/schemas/users.ts';

// Defined once, so the memoised rows see the same function every render.
const waitContext = (call: AwaitingCall) => <WaitContext callId={call.id} />;

export function BoardPage() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="Awaiting callback" documentTitle="Board" subtitle="Every call still waiting for a reply, longest wait first." />
      <RowTimerExtra.Provider value={waitContext}>
        <AwaitingBoard canRecord={hasRole(user.role, 'analyst')} />
      </RowTimerExtra.Provider>
    </>
  );
}
