import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Dialog } from '#client/components/ui/dialog.tsx';
import { Loading } from '#client/components/ui/loading.tsx';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { countryLabel } from '#client/lib/country.ts';
import { notify } from '#client/lib/notices.ts';
import type { Ministry } from '#shared/schemas/ministries.ts';
import { ministryQuery, useDeleteMinistry } from '../api/ministries.ts';
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
}

export function MinistryView({ id, canEdit, officials, openCalls, responseTimes }: MinistryViewProps) {
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
        actions={
          canEdit ? (
            <>
              <Button onClick={() => setEditing(true)}>Edit</Button>
              <Button variant="danger" onClick={() => setDeleting(true)}>
                Delete
              </Button>
            </>
          ) : undefined
        }
      />
      <p className="back-link">
        <Link to="/ministries">← All ministries</Link>
      </p>
      <section className="card" aria-labelledby="ministry-details-title">
        <h2 id="ministry-details-title" className="card-title">
          Details
        </h2>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{ministry.name}</dd>
          <dt>Short name</dt>
          <dd>{ministry.shortName}</dd>
          <dt>Country</dt>
          <dd>
            {countryLabel(ministry.country)} <span className="muted">({ministry.country})</span>
          </dd>
        </dl>
      </section>
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
    <Dialog open={open} title={`Delete ${ministry.shortName}?`} description="Only a ministry with no officials can be deleted." onClose={onClose}>
      {remove.isError ? <Alert title="Not deleted">{remove.error.message}</Alert> : null}
      <div className="form-actions">
        <Button
          variant="danger"
          busy={remove.isPending}
          onClick={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                notify(`${ministry.shortName} deleted.`, 'success');
                void navigate('/ministries');
              },
            })
          }
        >
          Delete
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </Dialog>
  );
}
