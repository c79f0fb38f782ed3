import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { BackLink } from '#client/components/ui/back-link.tsx';
import { ConfirmDeleteDialog } from '#client/components/ui/confirm-delete-dialog.tsx';
import { EditDeleteButtons } from '#client/components/ui/edit-delete-buttons.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { formatDateTime } from '#client/lib/format.ts';
import { useLiveRefetchInterval } from '#client/lib/live-mode.ts';
import { notify } from '#client/lib/notices.ts';
import { useMinute } from '#client/lib/ticker.ts';
import type { RoundDetail } from '#shared/schemas/rounds.ts';
import { roundQuery, useDeleteRound } from '../api/rounds.ts';
import { roundHeadline } from '../lib/headline.ts';
import { roundSkew } from '../lib/skew.ts';
import { RoundEditDialog } from './round-edit-dialog.tsx';
import type { RoundOfficialPickerProps } from './round-form.tsx';
import { RoundMembers } from './round-members.tsx';
import { RoundTimeline } from './round-timeline.tsx';
import '../rounds.css';

export interface RoundViewProps {
  id: string;
  canEdit: boolean;
  renderOfficialPicker: (props: RoundOfficialPickerProps) => ReactNode;
}

/** The answer in words, once a minute: "3 of 4 replied, median 2 h; MFA Russia still awaiting after 3 days 2 hours, 2 attempts". */
function Headline({ round, skewMs }: { round: RoundDetail; skewMs: number }) {
  const minute = useMinute(skewMs);
  return (
    <p className="round-headline" aria-live="polite">
      {roundHeadline(round.summary, round.calls, minute)}
    </p>
  );
}

/** One round: its headline, its members with live timers, its timeline, the way to its figures; edit and delete. */
export function RoundView({ id, canEdit, renderOfficialPicker }: RoundViewProps) {
  const query = useQuery({ ...roundQuery(id), refetchInterval: useLiveRefetchInterval() });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (query.isPending) return <Loading label="Loading the round…" />;
  if (query.isError) {
    const gone = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        <PageHeader title={gone ? 'Round not found' : 'The round could not be loaded'} />
        <Alert tone={gone ? 'warning' : 'error'} title={gone ? 'This round does not exist or was deleted. Its calls are kept.' : query.error.message}>
          <Link to="/rounds">Back to all rounds</Link>
        </Alert>
      </>
    );
  }
  const round = query.data;
  const skewMs = roundSkew(round.calls, query.dataUpdatedAt);
  const when = round.triggerAt;
  return (
    <>
      <PageHeader
        title={round.title}
        subtitle={
          <>
            {round.trigger !== round.title ? `${round.trigger} · ` : ''}
            {when ? <time dateTime={when}>{formatDateTime(when)}</time> : 'time of the event not recorded'}
            {round.initiator ? ` · ${round.initiator.name} reached out` : ''}
          </>
        }
        actions={canEdit ? <EditDeleteButtons onEdit={() => setEditing(true)} onDelete={() => setDeleting(true)} /> : undefined}
      />
      <BackLink to="/rounds">All rounds</BackLink>
      <Headline round={round} skewMs={skewMs} />
      <p className="round-links">
        <Link to={`/stats?roundId=${encodeURIComponent(round.id)}`}>Response times of this round</Link>
        {round.summary.awaiting > 0 ? <Link to={`/?roundId=${encodeURIComponent(round.id)}`}>Its open calls on the board</Link> : null}
      </p>
      {round.notes ? <p className="prewrap">{round.notes}</p> : null}
      <section className="section" aria-labelledby="round-members-title">
        <h2 id="round-members-title">Calls</h2>
        {round.calls.length ? <RoundMembers calls={round.calls} skewMs={skewMs} /> : <p className="muted">No calls in this round yet. A call joins it from the log-call form or the call’s edit form.</p>}
      </section>
      {round.calls.length ? (
        <section className="section card" aria-labelledby="round-timeline-title">
          <h2 id="round-timeline-title" className="card-title">
            Timeline
          </h2>
          <RoundTimeline calls={round.calls} triggerAt={round.triggerAt} skewMs={skewMs} />
        </section>
      ) : null}
      {canEdit ? (
        <>
          <RoundEditDialog open={editing} round={round} onClose={() => setEditing(false)} renderOfficialPicker={renderOfficialPicker} />
          <DeleteRoundDialog open={deleting} round={round} onClose={() => setDeleting(false)} onStale={() => void query.refetch()} />
        </>
      ) : null}
    </>
  );
}

function DeleteRoundDialog({ open, round, onClose, onStale }: { open: boolean; round: RoundDetail; onClose: () => void; onStale: () => void }) {
  const remove = useDeleteRound(round.id);
  const navigate = useNavigate();
  const stale = remove.error instanceof ApiError && remove.error.status === 412;
  const calls = round.summary.calls;
  return (
    <ConfirmDeleteDialog
      open={open}
      title={`Delete the round “${round.title}”?`}
      description={calls ? `Its ${calls === 1 ? 'call is' : `${calls} calls are`} kept, in no round (their history records it).` : 'It has no calls.'}
      error={stale ? 'Someone else changed this round a moment ago. Look at the current version before deleting it.' : remove.error?.message}
      busy={remove.isPending}
      onConfirm={() =>
        remove.mutate(round.version, {
          onSuccess: () => {
            notify(`Round “${round.title}” deleted; its calls are kept.`, 'success');
            void navigate('/rounds');
          },
          onError: (error) => {
            if (error instanceof ApiError && error.status === 412) onStale();
          },
        })
      }
      onClose={onClose}
    />
  );
}
