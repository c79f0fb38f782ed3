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
import { LocalTime } from '#client/components/ui/local-time.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { notify } from '#client/lib/notices.ts';
import { officialQuery, useDeleteOfficial } from '../api/officials.ts';
import { ContactHistory } from './contact-history.tsx';
import { OfficialFormDialog, type MinistryFieldProps } from './official-form.tsx';

export interface OfficialViewProps {
  id: string;
  canEdit: boolean;
  renderMinistrySelect: (props: MinistryFieldProps) => ReactNode;
  /** Their recent calls, from the calls feature (the page composes it in). */
  recentCalls: ReactNode;
}

export function OfficialView({ id, canEdit, renderMinistrySelect, recentCalls }: OfficialViewProps) {
  const query = useQuery(officialQuery(id));
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (query.isPending) return <Loading label="Loading the official…" />;
  if (query.isError) {
    const gone = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        <PageHeader title={gone ? 'Official not found' : 'The official could not be loaded'} />
        <Alert tone={gone ? 'warning' : 'error'} title={gone ? 'This official does not exist or was deleted.' : query.error.message}>
          <Link to="/officials">Back to all officials</Link>
        </Alert>
      </>
    );
  }
  const official = query.data;
  return (
    <>
      <PageHeader
        title={official.name}
        subtitle={`${official.title}, ${official.ministry.shortName}`}
        actions={canEdit ? <EditDeleteButtons onEdit={() => setEditing(true)} onDelete={() => setDeleting(true)} /> : undefined}
      />
      <BackLink to="/officials">All officials</BackLink>
      <DetailsCard titleId="official-details-title">
        <dt>Title</dt>
        <dd>{official.title}</dd>
        <dt>Ministry</dt>
        <dd>
          <Link to={`/ministries/${encodeURIComponent(official.ministryId)}`}>{official.ministry.name}</Link>{' '}
          <span className="muted">
            ({official.ministry.shortName}, {official.ministry.country})
          </span>
        </dd>
        <dt>Time zone</dt>
        <dd>{official.timeZone}</dd>
        <dt>Local time now</dt>
        <dd>
          <LocalTime timeZone={official.timeZone} />
        </dd>
      </DetailsCard>
      <section className="section" aria-labelledby="contacts-title">
        <h2 id="contacts-title">Contact history</h2>
        <p className="muted section-intro">Every counterpart this official has called or been called by.</p>
        <ContactHistory officialId={id} />
      </section>
      <section className="section" aria-labelledby="recent-title">
        <h2 id="recent-title">Recent calls</h2>
        {recentCalls}
      </section>
      {canEdit ? (
        <>
          <OfficialFormDialog open={editing} official={official} renderMinistrySelect={renderMinistrySelect} onClose={() => setEditing(false)} />
          <DeleteOfficialDialog open={deleting} id={id} name={official.name} onClose={() => setDeleting(false)} />
        </>
      ) : null}
    </>
  );
}

function DeleteOfficialDialog({ open, id, name, onClose }: { open: boolean; id: string; name: string; onClose: () => void }) {
  const remove = useDeleteOfficial(id);
  const navigate = useNavigate();
  return (
    <ConfirmDeleteDialog
      open={open}
      title={`Delete ${name}?`}
      description="Only an official with no logged calls can be deleted."
      error={remove.error?.message}
      busy={remove.isPending}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            notify(`${name} deleted.`, 'success');
            void navigate('/officials');
          },
        })
      }
      onClose={onClose}
    />
  );
}
