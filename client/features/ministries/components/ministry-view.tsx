import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { BackLink } from '#client/components/ui/back-link.tsx';
import { ConfirmDeleteDialog } from '#client/components/ui/confirm-delete-dialog.tsx';
import { DetailsCard } from '#client/components/ui/details-card.tsx';
import { EditDeleteButtons } from '#client/components/ui/edit-delete-buttons.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { countryLabel } from '#client/lib/country.ts';
import { notify } from '#client/lib/notices.ts';
import type { Ministry } from '#shared/schemas/ministries.ts';
import { ministryQuery, useDeleteMinistry } from '../api/ministries.ts';
import { MinistryCalendar } from './ministry-calendar.tsx';
import { MinistryFormDialog } from './ministry-form.tsx';

export interface MinistryViewProps {
  id: string;
  canEdit: boolean;
  /** The ministry's officials (officials feature), given the loaded ministry. */
  officials: (ministry: Ministry) => ReactNode;
  /** Calls to this ministry still awaiting a reply (calls feature). */
  openCalls: ReactNode;
  /**
   * SLOT for the analytics feature: this ministry's response-time survival
   * curve ("share still awaiting" over hours), with its open calls against it.
   * Rendered in its own section between the details and the open calls; when
   * absent, the section is left out.
   */
  responseTimes?: ReactNode;
  /** Why the ministry cannot be deleted now (it has officials), from the page; Delete is then disabled. */
  deleteBlocked?: string | null;
}

/** Why a ministry with officials cannot be deleted, as the page says beside Delete. */
export function ministryDeleteBlocked(officials: number, more: boolean): string | null {
  if (officials === 0) return null;
  return `Cannot be deleted while it has officials (${officials}${more ? '+' : ''}): move or delete them first.`;
}

export function MinistryView({ id, canEdit, officials, openCalls, responseTimes, deleteBlocked }: MinistryViewProps) {
  const query = useQuery(ministryQuery(id));
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (query.isPending) return <Loading label="Loading the ministry…" />;
  if (query.isError) {
    const gone = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        <PageHeader title={gone ? 'Ministry not found' : 'The ministry could not be loaded'} />
        <Alert tone={gone ? 'warning' : 'error'} title={gone ? 'This ministry does not exist or was deleted.' : query.error.message}>
          <Link to="/ministries">Back to all ministries</Link>
        </Alert>
      </>
    );
  }
  const ministry = query.data;
  return (
    <>
      <PageHeader
        title={ministry.shortName}
        subtitle={ministry.name}
        actions={canEdit ? <EditDeleteButtons onEdit={() => setEditing(true)} onDelete={() => setDeleting(true)} deleteBlocked={deleteBlocked} /> : undefined}
      />
      <BackLink to="/ministries">All ministries</BackLink>
      <DetailsCard titleId="ministry-details-title">
        <dt>Name</dt>
        <dd>{ministry.name}</dd>
        <dt>Short name</dt>
        <dd>{ministry.shortName}</dd>
        <dt>Country</dt>
        <dd>
          {countryLabel(ministry.country)} <span className="muted">({ministry.country})</span>
        </dd>
      </DetailsCard>
      <MinistryCalendar ministry={ministry} canEdit={canEdit} />
      {responseTimes ? (
        <section className="section" aria-labelledby="ministry-response-title">
          <h2 id="ministry-response-title">Response times</h2>
          {responseTimes}
        </section>
      ) : null}
      <section className="section" aria-labelledby="ministry-open-title">
        <h2 id="ministry-open-title">Open calls to {ministry.shortName}</h2>
        {openCalls}
      </section>
      <section className="section" aria-labelledby="ministry-officials-title">
        <h2 id="ministry-officials-title">Officials</h2>
        {officials(ministry)}
      </section>
      {canEdit ? (
        <>
          <MinistryFormDialog open={editing} ministry={ministry} onClose={() => setEditing(false)} />
          <DeleteMinistryDialog open={deleting} ministry={ministry} onClose={() => setDeleting(false)} />
        </>
      ) : null}
    </>
  );
}

function DeleteMinistryDialog({ open, ministry, onClose }: { open: boolean; ministry: Ministry; onClose: () => void }) {
  const remove = useDeleteMinistry(ministry.id);
  const navigate = useNavigate();
  return (
    <ConfirmDeleteDialog
      open={open}
      title={`Delete ${ministry.shortName}?`}
      description="Only a ministry with no officials can be deleted."
      error={remove.error?.message}
      busy={remove.isPending}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            notify(`${ministry.shortName} deleted.`, 'success');
            void navigate('/ministries');
          },
        })
      }
      onClose={onClose}
    />
  );
}
