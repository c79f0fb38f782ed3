import { Link } from 'react-router';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { useCurrentUser } from '#client/features/auth/api/auth.ts';
import { AwaitingBoard, type RenderRoundFilter } from '#client/features/board/components/awaiting-board.tsx';
import { RowTimerExtra } from '#client/features/board/components/awaiting-row.tsx';
import { RoundSelect } from '#client/features/rounds/components/round-select.tsx';
import { WaitContext } from '#client/features/stats/components/wait-context.tsx';
import type { AwaitingCall } from '#shared/schemas/calls.ts';
import { hasRole } from '#shared/schemas/users.ts';

// Defined once, so the memoised rows see the same function every render.
const waitContext = (call: AwaitingCall) => <WaitContext callId={call.id} />;
const roundFilter: RenderRoundFilter = (props) => <RoundSelect {...props} />;

export function BoardPage() {
  const user = useCurrentUser();
  const analyst = hasRole(user.role, 'analyst');
  return (
    <>
      <PageHeader
        title="Awaiting callback"
        documentTitle="Board"
        subtitle="Every call still waiting for a reply, longest wait first."
        actions={
          analyst ? (
            <Link to="/rounds/new" className="btn btn-secondary">
              Log a round
            </Link>
          ) : undefined
        }
      />
      <RowTimerExtra.Provider value={waitContext}>
        <AwaitingBoard canRecord={analyst} renderRoundFilter={roundFilter} />
      </RowTimerExtra.Provider>
    </>
  );
}
